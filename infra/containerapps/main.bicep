// SAMPLE: CampaignEngine on Azure Container Apps instead of Azure Functions.
//
// The same engine runs in "standalone" mode when FUNCTIONS_CUSTOMHANDLER_PORT is not set: it
// serves HTTP itself and runs its own listeners on every queue (`votes`, `contacts` and `emails` scale it here). KEDA's
// azure-queue scaler adds replicas as those queues back up, authenticating with the app's
// managed identity (no storage key anywhere).
//
// Deploy into the resource group that already holds the storage account created by
// infra/main.bicep (azd output AZURE_STORAGE_ACCOUNT_NAME), for example:
//   az deployment group create -g <rg> -f infra/containerapps/main.bicep \
//     -p environmentName=<env> storageAccountName=<account> containerImage=<registry>/campaign-engine:<tag> \
//        adminApiKeyHash=<hex sha-256> cookieSecret=<random> contactKeySecret=<random>
// Not used by azd. There is no Dockerfile in the repo yet; see docs/deploy.md.

import { storageTableDataContributor, storageQueueDataContributor, storageBlobDataContributor } from '../modules/roles.bicep'

@minLength(1)
@maxLength(32)
@description('Short environment name; seeds resource names.')
param environmentName string

@description('Azure region; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Existing storage account in this resource group (tables + queues already created by infra/main.bicep).')
param storageAccountName string

@description('Container image, e.g. myregistry.azurecr.io/campaign-engine:1.0.0.')
param containerImage string

@description('Registry login server to pull from with the managed identity (grant it AcrPull); empty for a public image.')
param registryServer string = ''

@description('Fewest replicas; 0 lets the app scale to zero (first request after idle waits for a cold start).')
@minValue(0)
param minReplicas int = 0

@description('Most replicas.')
@minValue(1)
@maxValue(1000)
param maxReplicas int = 30

@description('Target messages per replica on the votes queue. Each message carries many votes (group commit), so keep this small.')
@minValue(1)
param votesQueueLength int = 20

@description('Target messages per replica on the contacts queue.')
@minValue(1)
param contactsQueueLength int = 50

@description('Concurrent HTTP requests per replica before another replica is added.')
@minValue(1)
param httpConcurrentRequests int = 100

@description('vCPU per replica (Consumption profile: 0.25 .. 4, memory must be 2 GiB per vCPU).')
@allowed([
  '0.5'
  '1.0'
  '2.0'
])
param cpuCores string = '1.0'

@description('Public base URL for links and QR codes; empty = the app\'s own https://<app>.<environment domain>.')
param publicBaseUrl string = ''

@description('Hex SHA-256 of the admin API key.')
@secure()
@minLength(64)
@maxLength(64)
param adminApiKeyHash string

@description('Cookie signing secret (32+ characters).')
@secure()
@minLength(32)
param cookieSecret string

@description('Contact key secret (32+ characters): keys the contacts table. Keep it stable; use the same one as the Functions app on the same storage.')
@secure()
@minLength(32)
param contactKeySecret string

@description('Outgoing mail for follow-up offers: host (empty = none: mail waits in the emails queue), port, security (StartTls, SslOnConnect, Auto), userName, from, brandName, postalAddress. The same as the Functions app\'s.')
param mail object = {
  host: ''
  port: 587
  security: 'StartTls'
  userName: ''
  from: ''
  brandName: 'CampaignEngine'
  postalAddress: ''
}

@description('SMTP password.')
@secure()
param smtpPassword string = ''

@description('Target messages per replica on the emails queue.')
param emailsQueueLength int = 50

var resourceToken = toLower(uniqueString(resourceGroup().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'campaign-engine'
  host: 'container-apps'
}
var appName = 'ca-campaign-${take(resourceToken, 10)}'
var identityName = 'id-campaign-aca-${resourceToken}'
// Consumption profile pairs each vCPU with 2 GiB (ARM arithmetic is integer-only, hence a lookup).
var memoryByCpu = {
  '0.5': '1Gi'
  '1.0': '2Gi'
  '2.0': '4Gi'
}
var httpPort = 8080

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

// Declared here (not through modules/identity.bicep) because the container app's identity
// block needs the identity's resource ID at the start of the deployment.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

// The standalone engine needs tables, queues and its image container (no Functions host, so no
// Blob Data Owner). The same Queue Data Contributor grant lets the KEDA scaler read queue lengths.
module storageRoles '../modules/storage-roles.bicep' = {
  name: 'aca-storage-roles'
  params: {
    storageAccountName: storage.name
    principalId: identity.properties.principalId
    principalKey: identityName
    roleDefinitionIds: [
      storageTableDataContributor
      storageQueueDataContributor
      storageBlobDataContributor
    ]
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-campaign-aca-${resourceToken}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: 'cae-campaign-${resourceToken}'
  location: location
  tags: tags
  properties: {
    // Logs go through Azure Monitor diagnostic settings (below): no workspace key is copied.
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

resource environmentLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: environment
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'engine-aca' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: httpPort
        transport: 'auto'
        allowInsecure: false
      }
      secrets: concat([
        {
          name: 'admin-key-hash'
          value: adminApiKeyHash
        }
        {
          name: 'cookie-secret'
          value: cookieSecret
        }
        {
          name: 'contact-key-secret'
          value: contactKeySecret
        }
      ], empty(smtpPassword) ? [] : [
        // Container Apps refuses a secret without a value: only with a password is there one.
        {
          name: 'smtp-password'
          value: smtpPassword
        }
      ])
      registries: empty(registryServer)
        ? []
        : [
            {
              server: registryServer
              identity: identity.id
            }
          ]
    }
    template: {
      containers: [
        {
          name: 'engine'
          image: containerImage
          resources: {
            cpu: json(cpuCores)
            memory: memoryByCpu[cpuCores]
          }
          env: concat([
            // No FUNCTIONS_CUSTOMHANDLER_PORT: the engine runs standalone with its own queue listeners.
            { name: 'ASPNETCORE_HTTP_PORTS', value: string(httpPort) }
            { name: 'CampaignStorage__accountName', value: storage.name }
            { name: 'CampaignStorage__credential', value: 'managedidentity' }
            { name: 'CampaignStorage__clientId', value: identity.properties.clientId }
            { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
            {
              name: 'CampaignEngine__PublicBaseUrl'
              value: empty(publicBaseUrl) ? 'https://${appName}.${environment.properties.defaultDomain}' : publicBaseUrl
            }
            { name: 'CampaignEngine__AdminApiKeyHashes__0', secretRef: 'admin-key-hash' }
            { name: 'CampaignEngine__CookieSecret', secretRef: 'cookie-secret' }
            { name: 'Contacts__KeySecret', secretRef: 'contact-key-secret' }
            { name: 'Email__Host', value: mail.host }
            { name: 'Email__Port', value: string(mail.port) }
            { name: 'Email__Security', value: mail.security }
            { name: 'Email__UserName', value: mail.userName }
            { name: 'Email__From', value: mail.from }
            { name: 'Email__BrandName', value: mail.brandName }
            { name: 'Email__PostalAddress', value: mail.postalAddress }
          ], empty(smtpPassword) ? [] : [
            { name: 'Email__Password', secretRef: 'smtp-password' }
          ])
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: httpPort
              }
              periodSeconds: 30
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/healthz'
                port: httpPort
              }
              periodSeconds: 10
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http'
            http: {
              metadata: {
                concurrentRequests: string(httpConcurrentRequests)
              }
            }
          }
          // KEDA azure-queue rules authenticated with the managed identity: accountName +
          // identity, no connection string or key.
          {
            name: 'votes-queue'
            azureQueue: {
              accountName: storage.name
              queueName: 'votes'
              queueLength: votesQueueLength
              identity: identity.id
            }
          }
          {
            name: 'contacts-queue'
            azureQueue: {
              accountName: storage.name
              queueName: 'contacts'
              queueLength: contactsQueueLength
              identity: identity.id
            }
          }
          {
            name: 'emails-queue'
            azureQueue: {
              accountName: storage.name
              queueName: 'emails'
              queueLength: emailsQueueLength
              identity: identity.id
            }
          }
        ]
      }
    }
  }
  dependsOn: [
    storageRoles
  ]
}

output AZURE_CONTAINER_APP_NAME string = app.name
output AZURE_CONTAINER_APP_URL string = 'https://${app.properties.configuration.ingress.fqdn}'
output AZURE_CONTAINER_APP_IDENTITY_CLIENT_ID string = identity.properties.clientId
