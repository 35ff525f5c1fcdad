namespace CampaignEngine.Benchmarks;

/// <summary>Average CPU cores used during a load run, per process and for the whole machine.</summary>
public sealed record CpuUse(double Engine, double Azurite, double Machine);

/// <summary>One vote run; <paramref name="MaxQueueDepth"/> is the deepest the votes queue got (sampled every 0.5 s).</summary>
public sealed record VoteRun(int Connections, WrkResult Load, TallyCatchUp Tally, CpuUse Cpu, long MaxQueueDepth);

public sealed record PlainRun(int Connections, WrkResult Load, CpuUse Cpu);

/// <summary>Everything one ./bench.sh run measured.</summary>
public sealed class BenchResults
{
    public required Machine Machine { get; init; }
    public required DateTimeOffset Date { get; init; }
    public required IReadOnlyDictionary<string, string> EngineSettings { get; init; }
    public required int HeadlineConnections { get; init; }
    public required int Threads { get; init; }
    public required int RunSeconds { get; init; }
    public List<TimeSpan> ColdStarts { get; } = [];
    public double RawEnqueuePerSecond { get; set; }
    public List<PlainRun> Bare { get; } = [];
    public List<VoteRun> Votes { get; } = [];
    /// <summary>The Dunkin' contest: entries, then votes on them, every count checked.</summary>
    public DunkinRun? Dunkin { get; set; }

    /// <summary>The close-time send of a follow-up offer to 100,000 consented contacts.</summary>
    public OfferSendRun? OfferSend { get; set; }

    /// <summary>The Dunkin' gallery sorted by most votes: its first page, and a page deep in it.</summary>
    public PlainRun? Gallery { get; set; }
    public PlainRun? GalleryDeep { get; set; }

    /// <summary>A second instance started cold on the Dunkin' contest: its first gallery page, with and without the board snapshot.</summary>
    public BoardColdStart? BoardColdStart { get; set; }

    /// <summary>The HTTP side alone (its listener off), then a tally-only engine draining what it accepted.</summary>
    public VoteRun? AcceptOnly { get; set; }

    /// <summary>The same with every vote from its own forwarded address on a poll whose network limits are off: the base for the next three.</summary>
    public VoteRun? AcceptOnlyForwarded { get; set; }

    /// <summary>The same with network limits counting every vote (each from its own forwarded address).</summary>
    public VoteRun? AcceptOnlyLimited { get; set; }

    /// <summary>Form posts with a browser's Sec-Fetch-Site (the cross-site check runs), each from its own forwarded address, network limits off.</summary>
    public VoteRun? AcceptOnlyFormsNoLimits { get; set; }

    /// <summary>The same as form posts with a browser's Sec-Fetch-Site (the cross-site check runs), network limits on.</summary>
    public VoteRun? AcceptOnlyForms { get; set; }

    /// <summary>The same, JSON, with the campaign's proof of work on and every vote carrying its own solved challenge and device.</summary>
    public VoteRun? AcceptOnlyChallenged { get; set; }

    /// <summary>
    /// The same with each device's second challenge (the device already had its cookie when it was issued), as a
    /// returning fan sends: that one takes a row in the single-use table, which the device's first does not.
    /// </summary>
    public VoteRun? AcceptOnlyChallengedReturning { get; set; }

    /// <summary>A 10-question survey answered by distinct fans, tally in-process; exact when every question counts every response.</summary>
    public VoteRun? Survey { get; set; }

    /// <summary>The same survey on the HTTP side alone, then a tally-only engine draining it.</summary>
    public VoteRun? SurveyAcceptOnly { get; set; }

    /// <summary>Long in-process runs that meet the queue service's pause: with the outbox off, then on.</summary>
    public List<StallRun> Stall { get; } = [];
    public PlainRun? ResultsPage { get; set; }
    public long PeakWorkingSetKib { get; set; }
    public double LoadBefore { get; set; }
    public TimeSpan Duration { get; set; }

    public VoteRun Headline => Votes.Single(v => v.Connections == HeadlineConnections);
    public PlainRun HeadlineBare => Bare.Single(b => b.Connections == HeadlineConnections);
}

/// <summary>A long run at the headline level; <paramref name="OutboxWrites"/> is how many groups took the outbox.</summary>
public sealed record StallRun(string Label, bool OutboxOn, VoteRun Run, long OutboxWrites, bool Split = false);

/// <summary>The first gallery page of an instance started cold: reading the board whole, and from the board's snapshot.</summary>
public sealed record BoardColdStart(TimeSpan Whole, TimeSpan FromSnapshot);
