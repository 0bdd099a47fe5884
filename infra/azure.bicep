// Azure resources for Planpiloten. No client secrets: the bot authenticates to the Bot
// Framework with a user-assigned managed identity, and to Cosmos DB with the same identity
// through Entra ID (local keys are disabled on the account).
//
// This file has not been compiled here (Bicep needs a downloaded binary, and the build
// machines are offline); tests check its text against the code's settings and collections.

@maxLength(20)
@minLength(4)
@description('Prefix of every resource name: lower-case letters and digits (the storage account name allows nothing else).')
param resourceBaseName string

@description('App Service plan SKU. B1 is enough for one municipality; P0v3 or higher for several instances under load.')
param webAppSku string = 'B1'

@minValue(1)
@maxValue(10)
@description('Number of bot instances. Several are safe: they share Cosmos DB and the document share.')
param instanceCount int = 1

@maxLength(42)
@description('Name of the Azure Bot as shown in the Azure portal.')
param botDisplayName string = 'Planpiloten'

@minValue(0)
@description('Cosmos DB throughput in RU/s shared by the database. 0 = serverless (pay per request, the default); 400 or more = provisioned throughput.')
param cosmosThroughput int = 0

@minValue(1)
@maxValue(1024)
@description('Size limit of the Azure Files share holding the documents, in GiB.')
param knowledgeShareQuotaGb int = 5

@description('File name of the plan in the document share, e.g. "plan.md". Empty = the Göteborg plan bundled with the code.')
param planFileName string = ''

@minValue(10)
@description('How often each instance looks for changed documents and plan in the share, in seconds.')
param knowledgePollSeconds int = 60

@description('Days Log Analytics keeps logs.')
param logRetentionDays int = 30

param location string = resourceGroup().location

var cosmosDatabaseName = 'planpiloten'
// Every collection in src/storage/documentStore.ts (COLLECTIONS), each partitioned by /pk.
// Adding a collection to the code means adding its name here; a test checks that.
var containers = [
  'questions'
  'state'
  'initiatives'
  'conversations'
  'outbox'
  'followups'
  'subscriptions'
]
// Cosmos DB Built-in Data Contributor (data plane role).
var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'
var knowledgeShareName = 'knowledge'
// Where App Service mounts the share inside the container.
var knowledgeMountPath = '/mounts/knowledge'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: resourceBaseName
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: resourceBaseName
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: resourceBaseName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: logs.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
    capacity: instanceCount
  }
  properties: { reserved: true }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: toLower(resourceBaseName)
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      { locationName: location, failoverPriority: 0 }
    ]
    capabilities: cosmosThroughput == 0 ? [{ name: 'EnableServerless' }] : []
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: { id: cosmosDatabaseName }
    options: cosmosThroughput == 0 ? {} : { throughput: cosmosThroughput }
  }
}

// defaultTtl -1: nothing expires by default, but an item's own `ttl` is honoured.
resource cosmosContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for name in containers: {
    parent: database
    name: name
    properties: {
      resource: {
        id: name
        partitionKey: { paths: ['/pk'], kind: 'Hash' }
        defaultTtl: -1
        // Every top-level field can be filtered and ordered on (dueAt, status, ownerId, askedAt …).
        indexingPolicy: {
          indexingMode: 'consistent'
          automatic: true
          includedPaths: [{ path: '/*' }]
          excludedPaths: [{ path: '/"_etag"/?' }]
        }
      }
    }
  }
]

resource cosmosRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataContributor)
  properties: {
    principalId: identity.properties.principalId
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributor}'
    scope: cosmos.id
  }
}

// The municipality's documents (and optionally its plan) live in an Azure Files share that
// App Service mounts into the bot's file system. Staff upload files in the Azure portal or
// Storage Explorer; each instance notices changes by polling (KNOWLEDGE_POLL_SECONDS).
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: toLower(resourceBaseName)
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // App Service mounts Azure Files with the account key; it is read by this template and
    // stored by the platform, never handled by a person.
    allowSharedKeyAccess: true
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource knowledgeShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = {
  parent: fileService
  name: knowledgeShareName
  properties: { shareQuota: knowledgeShareQuotaGb }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'node dist/bot/main.js'
      alwaysOn: true
      healthCheckPath: '/health'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      azureStorageAccounts: {
        knowledge: {
          type: 'AzureFiles'
          accountName: storage.name
          shareName: knowledgeShare.name
          mountPath: knowledgeMountPath
          accessKey: storage.listKeys().keys[0].value
        }
      }
      appSettings: [
        { name: 'BOT_ID', value: identity.properties.clientId }
        { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
        { name: 'BOT_TENANT_ID', value: identity.properties.tenantId }
        // Only the municipality's own tenant; activities from any other get 403.
        { name: 'ALLOWED_TENANTS', value: identity.properties.tenantId }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
        { name: 'COSMOS_DATABASE', value: cosmosDatabaseName }
        { name: 'KNOWLEDGE_DIR', value: knowledgeMountPath }
        { name: 'KNOWLEDGE_POLL_SECONDS', value: string(knowledgePollSeconds) }
        { name: 'PLAN_FILE', value: empty(planFileName) ? '' : '${knowledgeMountPath}/${planFileName}' }
        { name: 'LOG_LEVEL', value: 'info' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'ApplicationInsightsAgent_EXTENSION_VERSION', value: '~3' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
      ]
    }
  }
}

// The bot's own logs (pino JSON on stderr) arrive as AppServiceConsoleLogs in Log Analytics.
resource webAppLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-workspace'
  scope: webApp
  properties: {
    workspaceId: logs.id
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: { channelName: 'MsTeamsChannel' }
}

// Named like the settings the code reads; Teams Toolkit writes them to env/.env.<environment>.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output COSMOS_ENDPOINT string = cosmos.properties.documentEndpoint
output COSMOS_DATABASE string = cosmosDatabaseName
output KNOWLEDGE_DIR string = knowledgeMountPath
output KNOWLEDGE_STORAGE_ACCOUNT string = storage.name
output KNOWLEDGE_SHARE string = knowledgeShare.name
