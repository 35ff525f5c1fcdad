using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Contests;
using CampaignEngine.Contacts;
using CampaignEngine.Mail;
using CampaignEngine.Offers;
using CampaignEngine.Branding;
using CampaignEngine.FairPlay;
using CampaignEngine.FairPlay.Challenges;
using CampaignEngine.Health;
using CampaignEngine.Home;
using CampaignEngine.Kinds;
using CampaignEngine.Hosting;
using CampaignEngine.Media;
using CampaignEngine.Messaging;
using CampaignEngine.Pages;
using CampaignEngine.Polls;
using CampaignEngine.Surveys;
using CampaignEngine.Results;
using CampaignEngine.Review;
using CampaignEngine.ShareCards;
using CampaignEngine.Storage;
using CampaignEngine.Submissions;
using Microsoft.AspNetCore.HttpOverrides;

namespace CampaignEngine;

/// <summary>The engine's composition: which capabilities exist and how they are wired.</summary>
public static class CampaignEngineApp
{
    /// <summary>Builds the app; tests and benchmarks call this too, with their own configuration.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddCampaignEngine();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapCampaignEngine();
        return app;
    }

    public static WebApplicationBuilder AddCampaignEngine(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddAppSettingsBesideTheApp(builder.Environment.ContentRootPath);
        builder.Configuration.AddLocalSettings(builder.Environment.ContentRootPath);
        if (CustomHandler.Port(builder.Configuration) is { } port)
        {
            // Under the Functions host: listen where it says, and let it drive the queue functions.
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Configuration["QueueListener:Enabled"] = "false";
            builder.Configuration[$"{TimerListenerOptions.Section}:Enabled"] = "false";
        }

        var services = builder.Services;
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QueueListenerOptions>().BindConfiguration("QueueListener").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GroupCommitOptions>().BindConfiguration("GroupCommit").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxOptions>().BindConfiguration("Outbox").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DraftOptions>().BindConfiguration(DraftOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProjectionOptions>().BindConfiguration(ProjectionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TimerListenerOptions>().BindConfiguration(TimerListenerOptions.Section);
        services.ConfigureHttpJsonOptions(o => EngineJson.Configure(o.SerializerOptions));
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(FormLimits.Configure);
        services.AddExceptionHandler<EngineExceptionHandler>();
        services.AddEngineRateLimits();
        services.AddEngineOpenApi();
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        services.AddStorage();
        services.AddMedia();
        services.AddSingleton<AdminKeys>().AddSingleton<PublicHosts>().AddSingleton<PublicUrls>().AddSingleton<ErrorResponder>();
        // AllowedHosts is enforced by UsePublicHosts, which answers in the caller's format; the
        // framework's own host filter (a fixed HTML page, ahead of everything) is told to let all through.
        services.Configure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o => o.AllowedHosts = ["*"]);
        services.AddSingleton<CampaignKinds>();
        services.AddSingleton<CampaignStore>().AddSingleton<CampaignCache>().AddSingleton<CampaignUpdates>().AddSingleton<CampaignLifecycle>();
        services.AddSingleton<CampaignEditor>().AddSingleton<CampaignPresenter>();
        services.AddSingleton<QueueOutbox>().AddSingleton<OutboundQueues>().AddSingleton<OutboxDrainer>()
            .AddSingleton<ITimerFunction, OutboxDrainFunction>();
        services.AddSingleton<VoterCookies>().AddSingleton<VoterLedger>().AddSingleton<RecentVotes>().AddSingleton<SubmissionAcceptor>().AddSingleton<SubmissionUploads>().AddSingleton<Drafts>()
            .AddSingleton<DraftCleanupFunction>().AddSingleton<ITimerFunction>(s => s.GetRequiredService<DraftCleanupFunction>())
            .AddSingleton<ParticipationReader>().AddSingleton<FormTokens>().AddSingleton<CrossSiteGuard>();
        services.AddFairPlay();
        services.AddReview();
        services.AddSingleton<ProjectionWriter>().AddSingleton<IQueueFunction, ProjectionFunction>();
        services.AddContacts();
        services.AddEmail();
        services.AddOffers();
        services.AddSingleton<ResultsService>();
        services.AddFanPages();
        services.AddSingleton<ShareCardService>().AddSingleton<BrandImages>();

        // The campaign kinds: each is a folder and one line here.
        services.AddPolls();
        services.AddContests();
        services.AddSurveys();

        services.AddSingleton<FunctionCatalogue>();
        services.AddHostedService<QueueListener>();
        services.AddHostedService<TimerListener>();
        return builder;
    }

    public static WebApplication MapCampaignEngine(this WebApplication app)
    {
        app.UseBenchmarkTimings();
        // Only loopback proxies are trusted (the Functions host, a local reverse proxy).
        app.UseForwardedHeaders();
        // No answer is ever to be sniffed into something else (pages, images and errors set it again,
        // since the exception handler clears headers).
        app.Use((http, next) =>
        {
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return next(http);
        });
        app.UseExceptionHandler();
        // Empty error answers from routing (404, 405, 415) get a body too: a page, ProblemDetails or text.
        app.UseStatusCodePages(context => context.HttpContext.RequestServices.GetRequiredService<ErrorResponder>()
            .WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode, DescribeStatus(context.HttpContext.Response.StatusCode)));
        app.UsePublicHosts();
        app.UseRequestLimits();
        app.UseRateLimiter();

        app.MapEngineOpenApi();
        app.MapHome();
        app.MapHealth();
        app.MapCampaigns();
        app.MapResultsApi();
        app.MapContactsApi();
        app.MapUnsubscribe();
        app.MapOffers();
        app.MapReviewApi();
        app.MapPoisonQueues();
        app.MapCampaignKinds();
        app.MapFanPages();
        app.MapChallenges();
        app.MapBrandImages();
        app.MapBenchmarkEndpoints(app.Configuration);
        if (CustomHandler.Port(app.Configuration) is not null)
        {
            app.MapCustomHandlerFunctions();
        }
        return app;
    }

    private static string DescribeStatus(int status) => status switch
    {
        404 => "Nothing is here.",
        405 => "This address does not take that method.",
        415 => "This content type is not accepted here.",
        _ => "The request could not be handled.",
    };
}
