// CampaignEngine on Azure: everything `azd up` needs, in one resource group.
//
//   resource group  rg-<env>
//   ├─ user-assigned managed identity   (the only principal the app runs as)
//   ├─ storage account                  (the engine's tables; queues votes, contacts, entry-images
//   │                                    and their -poison queues; blob containers media (images),
//   │                                    uploads (photos as sent, expiring) and the deployment package)
//   ├─ Log Analytics + Application Insights
//   └─ Flex Consumption plan (FC1) + function app, runtime `custom` (the ASP.NET Core engine is
//      a Functions custom handler). See modules/functionapp.bicep for why Flex Consumption.
//
// No secrets in app settings except the three @secure() parameters (admin key hash, cookie
// secret, contact key secret); storage and telemetry use the managed identity. See docs/deploy.md.

targetScope = 'subscription'

import { storageTableDataContributor, storageQueueDataContributor, storageBlobDataOwner } from 'modules/roles.bicep'

@minLength(1)
@maxLength(64)
@description('azd environment name (e.g. dev, prod); used in the resource group name and the naming hash.')
param environmentName string

@minLength(1)
@description('Azure region for every resource. It must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
param location string

@description('Resource group name; empty = rg-<environmentName>.')
param resourceGroupName string = ''

@description('Function app name; empty = a generated, globally unique name.')
param functionAppName string = ''

@description('Storage account name; empty = a generated, globally unique name.')
param storageAccountName string = ''

@description('Storage replication.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Upper bound on Flex Consumption instances, all functions together (40..1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Always-ready instances for the HTTP functions (0 = scale to zero).')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 0

@description('Public base URL for links and QR codes; empty = https://<function app>.azurewebsites.net. Set it when a custom domain or Front Door sits in front.')
param publicBaseUrl string = ''

@description('When true, Application Insights accepts only Entra-authenticated telemetry. Any exporter inside the engine must then authenticate with the managed identity.')
param appInsightsDisableLocalAuth bool = true

@description('Hex SHA-256 of the admin API key: printf %s "$KEY" | sha256sum. The key itself is never stored in Azure.')
@secure()
@minLength(64)
@maxLength(64)
param adminApiKeyHash string

@description('Random secret (32+ characters) the engine signs cookies with. Production: keep it in Key Vault (docs/deploy.md).')
@secure()
@minLength(32)
param cookieSecret string

@description('Random secret (32+ characters) that keys the contacts table (HMAC of each email), so an address list cannot be tested against it. Keep it stable: a new one needs POST /api/admin/contacts/rekey. Production: keep it in Key Vault (docs/deploy.md).')
@secure()
@minLength(32)
param contactKeySecret string

@description('SMTP server for follow-up offer mail (e.g. smtp.sendgrid.net); empty = no mail is sent, it waits in the emails queue and its poison queue until one is set.')
param smtpHost string = ''

@description('SMTP port: 587 with STARTTLS (the default security) or 465 with smtpSecurity SslOnConnect.')
param smtpPort int = 587

@description('StartTls (default), SslOnConnect or Auto. None only ever for a local test server.')
@allowed([ 'StartTls', 'SslOnConnect', 'Auto' ])
param smtpSecurity string = 'StartTls'

@description('SMTP user name; empty when the server needs no login.')
param smtpUserName string = ''

@description('SMTP password. Production: keep it in Key Vault (docs/deploy.md).')
@secure()
param smtpPassword string = ''

@description('The address offer mail comes from.')
param emailFrom string = ''

@description('The brand as fans know it: the sender name, and the name the unsubscribe page speaks of.')
param brandName string = 'CampaignEngine'

@description('The brand\'s postal address for the mail footer (anti-spam laws ask for one).')
param postalAddress string = ''

// A stable 13-character hash per subscription + environment + region keeps names unique and
// repeatable: `azd up` again updates the same resources.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'campaign-engine'
}

var rgName = empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
var appName = empty(functionAppName) ? 'func-campaign-${resourceToken}' : functionAppName
var stName = empty(storageAccountName) ? 'st${resourceToken}' : storageAccountName
var deploymentContainerName = 'app-package-${take(resourceToken, 7)}'
var appBaseUrl = empty(publicBaseUrl) ? 'https://${appName}.azurewebsites.net' : publicBaseUrl
var identityName = 'id-campaign-${resourceToken}'
var applicationInsightsName = 'appi-campaign-${resourceToken}'

// Names the engine expects (src/CampaignEngine/Storage/StorageNames.cs, empty prefix).
var tableNames = [
  'campaigns'
  'votes'
  'contacts'
  'outbox'
  'netlimits'
  'challenges'
  'entries'
  'quotas'
  'drafts'
  'offers'
  'suppressions'
]
var mediaContainerName = 'media'
var uploadsContainerName = 'uploads'
var boardsContainerName = 'boards'
var queueNames = [
  'votes'
  'votes-poison'
  'contacts'
  'contacts-poison'
  'entry-images'
  'entry-images-poison'
  'emails'
  'emails-poison'
]

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: rgName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: stName
    location: location
    tags: tags
    skuName: storageSkuName
    deploymentContainerName: deploymentContainerName
    mediaContainerName: mediaContainerName
    uploadsContainerName: uploadsContainerName
    boardsContainerName: boardsContainerName
    tableNames: tableNames
    queueNames: queueNames
  }
}

// Data-plane roles only, scoped to the one storage account.
module storageRoles 'modules/storage-roles.bicep' = {
  name: 'storage-roles'
  scope: rg
  params: {
    storageAccountName: stName
    principalId: identity.outputs.principalId
    principalKey: identityName
    // Blob Data Owner (the Functions host keeps its leases and package in blobs) includes what
    // Storage Blob Data Contributor grants, so it also covers the engine's media container.
    roleDefinitionIds: [
      storageTableDataContributor
      storageQueueDataContributor
      storageBlobDataOwner
    ]
  }
  // Names are known up front (better What-If); the dependency is stated instead of implied.
  dependsOn: [
    storage
  ]
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-campaign-${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
    publisherPrincipalId: identity.outputs.principalId
    publisherKey: identityName
    disableLocalAuth: appInsightsDisableLocalAuth
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: appName
    planName: 'plan-campaign-${resourceToken}'
    location: location
    tags: tags
    siteTags: union(tags, { 'azd-service-name': 'engine' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsName: applicationInsightsName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    publicBaseUrl: appBaseUrl
    adminApiKeyHash: adminApiKeyHash
    cookieSecret: cookieSecret
    contactKeySecret: contactKeySecret
    mail: {
      host: smtpHost
      port: smtpPort
      security: smtpSecurity
      userName: smtpUserName
      from: emailFrom
      brandName: brandName
      postalAddress: postalAddress
    }
    smtpPassword: smtpPassword
  }
  // The host must be able to read the package and its storage the moment the site starts.
  dependsOn: [
    storageRoles
    monitoring
  ]
}

// azd stores every output in .azure/<env>/.env; none of these is a secret.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output CAMPAIGN_ENGINE_PUBLIC_BASE_URL string = appBaseUrl
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_MANAGED_IDENTITY_NAME string = identity.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output AZURE_LOG_ANALYTICS_WORKSPACE_NAME string = monitoring.outputs.logAnalyticsName
