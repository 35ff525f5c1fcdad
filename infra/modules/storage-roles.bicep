// Grants one principal a set of roles on one storage account (scope: the account, not the
// resource group, so the grant reaches nothing else).

@description('Name of an existing storage account in this resource group.')
param storageAccountName string

@description('Object (principal) ID that receives the roles.')
param principalId string

@description('A name known before deployment that identifies the principal (e.g. the managed identity name); it seeds the role assignment names so they are stable and What-If can predict them.')
param principalKey string

@description('Kind of principal; ServicePrincipal for managed identities.')
@allowed([
  'ServicePrincipal'
  'User'
  'Group'
])
param principalType string = 'ServicePrincipal'

@description('Role definition GUIDs to assign (see roles.bicep).')
param roleDefinitionIds string[]

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in roleDefinitionIds: {
    name: guid(account.id, principalKey, roleId)
    scope: account
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: principalType
    }
  }
]
