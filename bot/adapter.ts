import { ConfigurationServiceClientCredentialFactory, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
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
export function createAdapter(bot: Config['bot']): PlanpilotenAdapter {
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
 * The Teams adapter with authentication as a step of its own, through botbuilder's
 * supported extension points: the server authenticates first (`authenticate`), then hands
 * the result to `processActivity`, which accepts an AuthenticateRequestResult in place of a
 * header. botbuilder answers a token whose signature does not verify (a JsonWebTokenError
 * from jsonwebtoken) as if the bot had failed; here every failed check is an
 * AuthenticationError, which the server answers with 401.
 */
export class PlanpilotenAdapter extends TeamsAdapter {
  async authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      if (error instanceof Error && /^(JsonWebTokenError|TokenExpiredError|NotBeforeError)$/.test(error.name)) {
        throw new AuthenticationError(`Unauthorized: ${error.name}`, 401);
      }
      throw error;
    }
  }

  /** Runs the turn for an activity whose request `authenticate` accepted. */
  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}
