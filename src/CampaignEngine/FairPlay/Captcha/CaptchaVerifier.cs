using Microsoft.Extensions.Options;

namespace CampaignEngine.FairPlay.Captcha;

public enum CaptchaCheck
{
    Passed,
    /// <summary>The provider answered that the token is no good.</summary>
    Failed,
    /// <summary>The provider refused it as one it has verified before (each token verifies once there too).</summary>
    Seen,
    /// <summary>The provider could not be asked: down, slow past the timeout, or an answer that is not one.</summary>
    Unavailable,
}

/// <summary>
/// Asks a provider's siteverify API about a token: a form-encoded POST of the secret, the token and
/// the fan's address, answered with JSON. A named client from the factory (its handlers are pooled
/// and renewed), since the gate that calls this is a singleton. Logs never carry the token, the
/// secret or the address.
/// </summary>
public sealed class CaptchaVerifier(IHttpClientFactory clients, IOptions<CaptchaOptions> options, ILogger<CaptchaVerifier> logger)
{
    public const string ClientName = "captcha";

    public async Task<CaptchaCheck> VerifyAsync(ConfiguredCaptcha captcha, string token, string? remoteIp, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string> { ["secret"] = captcha.Secret, ["response"] = token };
        if (remoteIp is not null) fields["remoteip"] = remoteIp;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.VerifyTimeout);
        try
        {
            using var content = new FormUrlEncodedContent(fields);
            using var response = await clients.CreateClient(ClientName).PostAsync(captcha.VerifyUrl, content, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("The {Provider} verify API answered {Status}", captcha.Provider.Name, (int)response.StatusCode);
                return CaptchaCheck.Unavailable;
            }
            var answer = CaptchaAnswer.Parse(await response.Content.ReadAsByteArrayAsync(timeout.Token));
            if (answer is null)
            {
                logger.LogWarning("The {Provider} verify API answered something that is not a verify answer", captcha.Provider.Name);
                return CaptchaCheck.Unavailable;
            }
            if (!answer.Success) logger.LogInformation("The {Provider} verify API refused a token: {Codes}", captcha.Provider.Name, string.Join(',', answer.ErrorCodes));
            return answer.Success ? CaptchaCheck.Passed : answer.Seen ? CaptchaCheck.Seen : CaptchaCheck.Failed;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The {Provider} verify API did not answer within {Timeout}", captcha.Provider.Name, options.Value.VerifyTimeout);
            return CaptchaCheck.Unavailable;
        }
        catch (HttpRequestException ex)
        {
            // The message only: an exception's text can hold the address, never the form we sent.
            logger.LogWarning("Could not reach the {Provider} verify API: {Error}", captcha.Provider.Name, ex.HttpRequestError);
            return CaptchaCheck.Unavailable;
        }
    }
}
