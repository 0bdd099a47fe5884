import { ConfigurationServiceClientCredentialFactory, type Activity } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult, type BotFrameworkAuthentication } from 'botframework-connector';
import { CallerIdConstants } from 'botframework-schema';
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
    // Where channel tokens' signing keys are published (sovereign clouds, tests). Setting it
    // makes botbuilder take every endpoint from here, so the public cloud's are given too.
    ...(bot?.openIdMetadata
      ? {
          ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadata,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
          ValidateAuthority: true,
        }
      : {}),
  };
  return new PlanpilotenAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings));
}

/**
 * botbuilder answers a token whose signature does not verify (a JsonWebTokenError from
 * jsonwebtoken) with 500, as if the bot had failed. It is a failed authentication: 401.
 */
class PlanpilotenAdapter extends TeamsAdapter {
  constructor(...args: ConstructorParameters<typeof TeamsAdapter>) {
    super(...args);
    const inner: BotFrameworkAuthentication = this.botFrameworkAuthentication;
    const authenticate = inner.authenticateRequest.bind(inner);
    inner.authenticateRequest = async (activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> => {
      try {
        return await authenticate(activity, authHeader);
      } catch (error) {
        if (error instanceof Error && /^(JsonWebTokenError|TokenExpiredError|NotBeforeError)$/.test(error.name)) {
          throw new AuthenticationError(`Unauthorized: ${error.message}`, 401);
        }
        throw error;
      }
    };
  }
}
