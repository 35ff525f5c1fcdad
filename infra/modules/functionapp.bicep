// The engine on Azure Functions, Flex Consumption plan (FC1), as a custom handler.
//
// Why Flex Consumption:
//   - scales to zero (pay nothing while no campaign is live) and out to 1,000 instances;
//   - per-function scaling: all HTTP functions scale together as one group, and each queue
//     function (VoteTally on `votes`, ContactCapture on `contacts`) scales on its own queue's
//     backlog, so a vote burst adds tally workers without adding web instances; the timer
//     function (ContactRetention, hourly) runs on one instance at a time (a lease in AzureWebJobsStorage);
//   - optional always-ready instances (no cold start for the HTTP group) and VNet integration;
//   - supports the `custom` runtime (custom handlers), which is how we run an ASP.NET Core app
//     without the Functions worker packages.
// Limits worth knowing: Linux only; one app per plan; no deployment slots; instance memory
// 512/2048/4096 MB; maximumInstanceCount 40..1000; not available in every region (check with
// `az functionapp list-flexconsumption-locations`); the app package comes from a blob container
// (functionAppConfig.deployment), not WEBSITE_RUN_FROM_PACKAGE; FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION must NOT be set as app settings (functionAppConfig.runtime replaces them).

@description('Function app name; also the first label of https://<name>.azurewebsites.net.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region (must offer Flex Consumption).')
param location string

@description('Tags for the plan.')
param tags object

@description('Tags for the site; must include azd-service-name so `azd deploy` finds it.')
param siteTags object

@description('Resource ID of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client ID of that identity (for the *__clientId and AZURE_CLIENT_ID settings).')
param identityClientId string

@description('Storage account holding the engine data and the Functions host state.')
param storageAccountName string

@description('Queue endpoint of that account, e.g. https://<account>.queue.core.windows.net/.')
param queueEndpoint string

@description('Table endpoint of that account, e.g. https://<account>.table.core.windows.net/.')
param tableEndpoint string

@description('Blob endpoint of that account (the engine\'s images), e.g. https://<account>.blob.core.windows.net/.')
param blobEndpoint string

@description('Blob container URL the deployment package is uploaded to.')
param deploymentContainerUrl string

@description('Existing Application Insights component name.')
param applicationInsightsName string

@description('Upper bound on instances across all functions (Flex allows 40..1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance; CPU scales with it.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Always-ready instances for the HTTP group (0 = scale to zero; 1+ removes cold starts and is billed while idle).')
@minValue(0)
param alwaysReadyHttpInstances int

@description('Absolute base URL of the public site, used in share links and QR codes.')
param publicBaseUrl string

@description('Hex SHA-256 of the admin API key. The key itself is never stored.')
@secure()
param adminApiKeyHash string

@description('Secret used to sign cookies (device id, consent). Keep it stable: changing it logs every fan out.')
@secure()
param cookieSecret string

@description('Secret that keys the contacts table (HMAC of each email). Keep it stable: a new one needs POST /api/admin/contacts/rekey.')
@secure()
param contactKeySecret string

@description('Outgoing mail: host (empty = none), port, security, userName, from, brandName, postalAddress.')
param mail object

@description('SMTP password.')
@secure()
param smtpPassword string

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true // Linux
  }
}

// Identity-based settings only: no connection string and no account key appears anywhere.
var appSettings = [
  // Functions host storage (leases, timers, deployment bookkeeping).
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  // The engine's tables/queues. The queue triggers in function.json use `connection: CampaignStorage`;
  // the engine reads the same section (StorageClients: ManagedIdentityCredential with clientId).
  // The service URIs come from the account itself, so no cloud-specific host name is assumed.
  { name: 'CampaignStorage__accountName', value: storageAccountName }
  { name: 'CampaignStorage__queueServiceUri', value: queueEndpoint }
  { name: 'CampaignStorage__tableServiceUri', value: tableEndpoint }
  { name: 'CampaignStorage__blobServiceUri', value: blobEndpoint }
  { name: 'CampaignStorage__credential', value: 'managedidentity' }
  { name: 'CampaignStorage__clientId', value: identityClientId }
  // DefaultAzureCredential picks the user-assigned identity from this.
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  // The engine serves the site root itself (the Home function); the host's own page would shadow it.
  { name: 'AzureWebJobsDisableHomepage', value: 'true' }
  // Telemetry from the Functions host, authenticated with the managed identity.
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
  // Engine settings (CampaignEngine section).
  { name: 'CampaignEngine__PublicBaseUrl', value: publicBaseUrl }
  { name: 'CampaignEngine__AdminApiKeyHashes__0', value: adminApiKeyHash }
  { name: 'CampaignEngine__CookieSecret', value: cookieSecret }
  { name: 'Contacts__KeySecret', value: contactKeySecret }
  // Outgoing mail (Email section); without a host, mail waits on its queue.
  { name: 'Email__Host', value: mail.host }
  { name: 'Email__Port', value: string(mail.port) }
  { name: 'Email__Security', value: mail.security }
  { name: 'Email__UserName', value: mail.userName }
  { name: 'Email__Password', value: smtpPassword }
  { name: 'Email__From', value: mail.from }
  { name: 'Email__BrandName', value: mail.brandName }
  { name: 'Email__PostalAddress', value: mail.postalAddress }
]

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: siteTags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      appSettings: appSettings
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReadyHttpInstances > 0
          ? [
              {
                name: 'http'
                instanceCount: alwaysReadyHttpInstances
              }
            ]
          : []
      }
      runtime: {
        // Custom handler on Flex Consumption: name `custom`, version `1.0`
        // (as listed by the Flex Consumption function-app stacks API for FC1).
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

// No FTP and no basic-auth publishing: deployments (azd, az CLI) authenticate with Entra ID.
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output id string = site.id
output defaultHostName string = site.properties.defaultHostName
output planName string = plan.name
