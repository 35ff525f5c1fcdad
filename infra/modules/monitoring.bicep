// Log Analytics workspace + workspace-based Application Insights. The Functions host sends its
// telemetry with the app's managed identity (Microsoft Entra auth), so the identity gets
// Monitoring Metrics Publisher on the Application Insights component only.

import { monitoringMetricsPublisher } from 'roles.bicep'

@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param applicationInsightsName string

@description('Azure region.')
param location string

@description('Tags applied to both resources.')
param tags object

@description('Principal ID of the managed identity that publishes telemetry.')
param publisherPrincipalId string

@description('Name of that identity, known before deployment; seeds the role assignment name.')
param publisherKey string

@description('When true, Application Insights accepts only Microsoft Entra-authenticated telemetry (the instrumentation key alone is not enough).')
param disableLocalAuth bool

@description('Days Log Analytics keeps data (30 is included in the per-GB price).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: disableLocalAuth
  }
}

resource publisherRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, publisherKey, monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: publisherPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output applicationInsightsName string = appInsights.name
output logAnalyticsName string = workspace.name
output logAnalyticsId string = workspace.id
