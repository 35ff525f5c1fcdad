using System.Net;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using CampaignEngine.Storage.Transactions;

namespace CampaignEngine.UnitTests.Storage;

/// <summary>What the lean writer puts on the wire for each way of signing, seen through a capturing HTTP handler.</summary>
public sealed class EntityTransactionsSigningTests
{
    private static readonly Uri Endpoint = new("https://acct.table.core.windows.net");

    private static readonly EntityChange[] OneRow = [EntityChange.Insert("p", "r", [EntityProperty.Of("n", 1L)])];

    [Fact]
    public async Task AnEntraIdCredentialSendsABearerTokenForStorage()
    {
        var credential = new FixedToken("t0ken");
        var (outcome, sent) = await SubmitAsync(new TableAuthentication("acct", Credential: credential));

        Assert.True(outcome.Succeeded);
        Assert.Equal("Bearer t0ken", sent.Authorization);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes);
        Assert.Equal("https://acct.table.core.windows.net/$batch", sent.Uri);
    }

    [Fact]
    public async Task AnAccountKeySignsWithSharedKeyLiteOverDateAndResource()
    {
        var key = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        var (_, sent) = await SubmitAsync(new TableAuthentication("acct", AccountKey: key));

        var expected = SharedKeyLitePolicy.Signature("acct", key, sent.Date!, "/$batch");
        Assert.Equal($"SharedKeyLite acct:{expected}", sent.Authorization);
        Assert.True(DateTimeOffset.TryParse(sent.Date, out var date) && Math.Abs((DateTimeOffset.UtcNow - date).TotalMinutes) < 5);
    }

    [Fact]
    public async Task ASasTokenTravelsInTheQueryWithNoAuthorizationHeader()
    {
        var (_, sent) = await SubmitAsync(new TableAuthentication("acct", SasToken: "?sv=2020&sig=abc"));

        Assert.Null(sent.Authorization);
        Assert.Equal("https://acct.table.core.windows.net/$batch?sv=2020&sig=abc", sent.Uri);
    }

    [Fact]
    public async Task TheRequestIsAMultipartBatchOfTheTableApiVersion()
    {
        var (_, sent) = await SubmitAsync(new TableAuthentication("acct", SasToken: "sv=1"));

        Assert.StartsWith("multipart/mixed; boundary=batch_", sent.ContentType);
        Assert.Equal("2019-02-02", sent.Version);
        Assert.Contains("POST https://acct.table.core.windows.net/votes HTTP/1.1", sent.Body);
    }

    private static async Task<(TransactionOutcome Outcome, Sent Sent)> SubmitAsync(TableAuthentication authentication)
    {
        var handler = new CapturingHandler();
        var transactions = new EntityTransactions(Endpoint, authentication, retry => retry.MaxRetries = 0,
            new HttpClientTransport(new HttpClient(handler)));
        var outcome = await transactions.SubmitAsync("votes", OneRow);
        return (outcome, handler.Sent!);
    }

    private sealed record Sent(string Uri, string? Authorization, string? Date, string? Version, string? ContentType, string Body);

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public Sent? Sent { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent = new Sent(request.RequestUri!.AbsoluteUri,
                request.Headers.TryGetValues("Authorization", out var auth) ? auth.Single() : null,
                request.Headers.TryGetValues("x-ms-date", out var date) ? date.Single() : null,
                request.Headers.TryGetValues("x-ms-version", out var version) ? version.Single() : null,
                request.Content?.Headers.ContentType?.ToString(),
                request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
            const string answer = "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n" +
                                  "--changesetresponse_2\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 204 No Content\r\nETag: W/\"1\"\r\n\r\n" +
                                  "--changesetresponse_2--\r\n--batchresponse_1--\r\n";
            return new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent(answer, Encoding.UTF8) };
        }
    }

    private sealed class FixedToken(string token) : TokenCredential
    {
        public string[] Scopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes = requestContext.Scopes;
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
