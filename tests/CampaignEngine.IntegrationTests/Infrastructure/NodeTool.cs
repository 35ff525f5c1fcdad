using System.Diagnostics;

namespace CampaignEngine.IntegrationTests.Infrastructure;

/// <summary>The Node.js tools the tests start from <c>node_modules</c> (Azurite, maildev): started quietly, killed with the run.</summary>
internal static class NodeTool
{
    /// <param name="script">The tool's entry script, relative to <c>node_modules</c>.</param>
    public static Process Start(string script, IEnumerable<string> args)
    {
        var root = RepoPaths.Root;
        var start = new ProcessStartInfo("node", [Path.Combine(root, "node_modules", script), .. args])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {script} (is node installed and npm ci done?)");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill(process);
        return process;
    }

    public static void Kill(Process? process)
    {
        try
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
