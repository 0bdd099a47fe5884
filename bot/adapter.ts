import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from '../src/config.js';
import { allowEntityFields } from './entitySerialization.js';

/**
 * The Bot Framework adapter. The one place that maps Planpiloten's settings to
 * botbuilder's names. With BOT_ID set, botbuilder validates the token on every request;
 * without it (local mode) requests are accepted anonymously, as the Agents Playground and
 * the local tests need.
 */
export function createAdapter(bot: Config['bot']): TeamsAdapter {
  allowEntityFields();
  const settings = {
    MicrosoftAppId: bot?.appId ?? '',
    MicrosoftAppPassword: bot?.password ?? '',
    MicrosoftAppType: bot?.type ?? 'MultiTenant',
    MicrosoftAppTenantId: bot?.tenantId ?? '',
    ...(bot?.openIdMetadata ? { BotOpenIdMetadata: bot.openIdMetadata, ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadata } : {}),
  };
  return new TeamsAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings));
}
