using CampaignEngine;

// One app, two hosts: standalone (its own queue listeners) or an Azure Functions custom handler
// (when FUNCTIONS_CUSTOMHANDLER_PORT is set). See docs/architecture.md.
var app = CampaignEngineApp.Build(args);
app.Run();

/// <summary>Entry point, public so tests can reference the assembly.</summary>
public partial class Program;
