using System.Text;
using CampaignEngine.Storage.Transactions;

namespace CampaignEngine.UnitTests.Storage;

public sealed class TransactionFormatTests
{
    private static readonly Uri Endpoint = new("https://acct.table.core.windows.net/");

    [Fact]
    public void TheBodyHasOneSubRequestPerChangeInsideOneChangeset()
    {
        var body = Encoding.UTF8.GetString(TransactionBody.Write(Endpoint, "votes",
        [
            EntityChange.Insert("p|001", "v|abc", [EntityProperty.Of("OptionId", "o1"), EntityProperty.Of("AcceptedAt", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero))]),
            EntityChange.Replace("p|001", "tally", [EntityProperty.Of("total", 12L)], "W/\"datetime'x'\""),
        ], "batch_b", "changeset_c"));

        Assert.StartsWith("--batch_b\r\nContent-Type: multipart/mixed; boundary=changeset_c\r\n\r\n", body);
        Assert.EndsWith("--changeset_c--\r\n--batch_b--\r\n", body);
        Assert.Equal(3, body.Split("--changeset_c").Length - 1);
        Assert.Contains("POST https://acct.table.core.windows.net/votes HTTP/1.1\r\nPrefer: return-no-content\r\n", body);
        Assert.Contains("PUT https://acct.table.core.windows.net/votes(PartitionKey='p%7C001',RowKey='tally') HTTP/1.1\r\nIf-Match: W/\"datetime'x'\"\r\n", body);
        Assert.Contains("\"AcceptedAt\":\"2026-12-01T09:00:00.0000000Z\",\"AcceptedAt@odata.type\":\"Edm.DateTime\"", body);
        Assert.Contains("\"total\":\"12\",\"total@odata.type\":\"Edm.Int64\"", body);
    }

    [Fact]
    public void QuotesInKeysAreDoubledBeforeEscaping() =>
        Assert.Equal("PartitionKey='a%27%27b',RowKey='c%20d'", TransactionBody.KeyPredicate("a'b", "c d"));

    [Fact]
    public void ASuccessfulAnswerGivesOneETagPerChange()
    {
        var answer = Answer(("204 No Content", "ETag: W/\"1\""), ("204 No Content", "ETag: W/\"2\""));

        var outcome = TransactionOutcome.Parse(202, answer, 2);

        Assert.True(outcome.Succeeded);
        Assert.Equal(["W/\"1\"", "W/\"2\""], outcome.ETags);
    }

    [Fact]
    public void AFailedChangeIsNamedByTheIndexInItsMessage()
    {
        var answer = Answer(("409 Conflict", "Content-Type: application/json\r\n\r\n" +
            "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"57:The specified entity already exists.\\nRequestId:1\"}}}"));

        var outcome = TransactionOutcome.Parse(202, answer, 99);

        Assert.False(outcome.Succeeded);
        Assert.Equal((409, 57, "EntityAlreadyExists"), (outcome.Status, outcome.FailedIndex, outcome.ErrorCode));
    }

    [Fact]
    public void AnAnswerMissingChangesIsAFailureNotASuccess()
    {
        var outcome = TransactionOutcome.Parse(202, Answer(("204 No Content", "ETag: W/\"1\"")), 2);

        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.FailedIndex);
    }

    [Fact]
    public void ARequestRefusedAsAWholeCarriesTheServiceError()
    {
        var outcome = TransactionOutcome.Parse(403, "{\"odata.error\":{\"code\":\"AuthenticationFailed\",\"message\":{\"value\":\"Server failed to authenticate the request.\"}}}", 1);

        Assert.Equal((403, "AuthenticationFailed", (int?)null), (outcome.Status, outcome.ErrorCode, outcome.FailedIndex));
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=AAAA;EndpointSuffix=core.windows.net", "acct", true, null)]
    [InlineData("TableEndpoint=https://acct.table.core.windows.net/;SharedAccessSignature=sv=2020&sig=a%3D", "acct", false, "sv=2020&sig=a%3D")]
    [InlineData("UseDevelopmentStorage=true", "devstoreaccount1", true, null)]
    public void ConnectionStringsGiveTheirSigningSecret(string connection, string account, bool hasKey, string? sas)
    {
        var auth = StorageConnectionString.TableAuthentication(connection, "acct");

        Assert.Equal(account, auth.AccountName);
        Assert.Equal(hasKey, auth.AccountKey is not null);
        Assert.Equal(sas, auth.SasToken);
    }

    private static string Answer(params (string Status, string Headers)[] parts)
    {
        var text = new StringBuilder("--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n");
        foreach (var (status, headers) in parts)
        {
            text.Append("--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            text.Append($"HTTP/1.1 {status}\r\nDataServiceVersion: 3.0;\r\n{headers}\r\n\r\n");
        }
        return text.Append("--changesetresponse_2--\r\n--batchresponse_1--\r\n").ToString();
    }
}
