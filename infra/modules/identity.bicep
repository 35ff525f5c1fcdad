// The user-assigned managed identity the engine runs as. User-assigned (not system-assigned)
// so its role assignments exist before the function app starts, and so the same identity can
// authenticate the deployment-package download, the Functions host, the queue triggers and the
// engine's own SDK clients.

@description('Name of the managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
