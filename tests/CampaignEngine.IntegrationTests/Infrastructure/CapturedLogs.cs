using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CampaignEngine.IntegrationTests.Infrastructure;

/// <summary>
/// An in-memory logger provider: every entry the engine writes (at the configured levels) and every
/// scope it opens, so a test can read back what an operator would see.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();
    private readonly ConcurrentQueue<string> scopes = new();

    public IReadOnlyList<LogEntry> Entries => entries.ToArray();

    /// <summary>Every entry and scope as text (message, exception and scope state).</summary>
    public IReadOnlyCollection<string> Lines => [.. entries.Select(e => e.ToString()), .. scopes];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries, scopes);

    public void Clear()
    {
        entries.Clear();
        scopes.Clear();
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries, ConcurrentQueue<string> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            scopes.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception));
    }
}

public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : "\n" + Exception)}";
}
