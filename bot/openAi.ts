import type { Agent } from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultAzureCredential, getBearerTokenProvider } from '@azure/identity';
import { ActionPlanner, OpenAIModel, PromptManager, type TurnState } from '@microsoft/teams-ai';
import type { Config } from '../src/config.js';

const PROMPTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'prompts');

/**
 * The teams-ai planner on Azure OpenAI, with the prompts in bot/prompts. In Azure the bot's
 * managed identity is used; a key only where one is configured.
 *
 * @param httpsAgent a custom agent, e.g. one that trusts a test server's own CA; by default
 * Node's, with full certificate checks.
 */
export function createPlanner(settings: NonNullable<Config['openAi']>, httpsAgent?: Agent): ActionPlanner<TurnState> {
  const model = new OpenAIModel({
    azureEndpoint: settings.endpoint,
    azureDefaultDeployment: settings.deployment,
    azureApiVersion: settings.apiVersion,
    // The rules go in a real system message; by default teams-ai sends them as the user.
    useSystemMessages: true,
    ...(settings.apiKey
      ? { azureApiKey: settings.apiKey }
      : { azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), 'https://cognitiveservices.azure.com/.default') }),
    // Teams wants an answer within seconds: one quick retry, then do without.
    clientOptions: { timeout: 3500, maxRetries: 1, ...(httpsAgent ? { httpAgent: httpsAgent } : {}) },
  });
  return new ActionPlanner<TurnState>({ model, prompts: new PromptManager({ promptsFolder: PROMPTS }), defaultPrompt: 'grounded-answer' });
}
