// Built-in Azure role definition IDs used by CampaignEngine, in one place so every template
// grants the same, smallest set of rights. Only data-plane roles: none of them can read account
// keys or change the storage account itself.
// IDs from Microsoft's "Azure built-in roles" reference (Storage and Monitor categories).

@export()
@description('Storage Table Data Contributor: read, write and delete tables and entities.')
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

@export()
@description('Storage Queue Data Contributor: read, write and delete queues and messages.')
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'

@export()
@description('Storage Blob Data Contributor: read, write and delete blob containers and blobs (the engine\'s images).')
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

@export()
@description('Storage Blob Data Owner: full blob access; the Functions host keeps its leases, keys and the deployment package in blob storage.')
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'

@export()
@description('Monitoring Metrics Publisher: lets an identity send telemetry to Application Insights with Microsoft Entra auth.')
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'
