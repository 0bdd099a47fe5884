import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { organisationsFromFile, organisationsFromSetting, type OrganisationList } from './organisations/organisationList.js';
import { BUNDLED_PLAN_FILE } from './plan/planDefinition.js';

/**
 * The only place that reads the environment. Everything is parsed and validated once; a
 * missing or malformed setting stops start-up with a message that names it.
 */
const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const DEFAULT_ORGANISATIONS = [
  'Äldre samt vård- och omsorgsförvaltningen',
  'Förvaltningen för funktionsstöd',
  'Utbildningsförvaltningen',
  'Förskoleförvaltningen',
  'Idrotts- och föreningsförvaltningen',
  'Stadsfastighetsförvaltningen',
  'Förvaltningen för Intraservice',
  'Stadsledningskontoret',
  'Göteborg Energi AB',
  'Familjebostäder AB',
  'Got Event AB',
];

const LOOPBACK: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1']);

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Default: all interfaces with a bot identity (App Service), loopback without one. */
    HOST: optional,
    /** Lets local mode (no BOT_ID, anonymous requests) listen beyond loopback. Never in Azure. */
    ALLOW_ANONYMOUS_REMOTE: z.enum(['true', 'false']).default('false'),
    /** Entra tenant ids whose activities are accepted, comma- or semicolon-separated. */
    ALLOWED_TENANTS: optional,
    /** Key for the question log's pseudonyms (HMAC); by default one is made and kept in the store. */
    PSEUDONYM_KEY: optional.pipe(z.string().min(32, 'minst 32 tecken').optional()),
    /** Follow-up prompts go out on working days from this local hour (Europe/Stockholm)… */
    FOLLOW_UP_HOUR: z.coerce.number().int().min(0).max(23).default(9),
    /** …spread over this many minutes, so not everyone is asked in the same minute. */
    FOLLOW_UP_SPREAD_MINUTES: z.coerce.number().int().min(0).max(600).default(150),
    /** Working days without an answer before the one reminder. */
    FOLLOW_UP_REMINDER_DAYS: z.coerce.number().int().min(1).max(60).default(5),
    /** How often the outbox is checked for due messages, in seconds; 0 turns sending off. */
    OUTBOX_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
    /** Entra object ids of administrators (send due follow-ups now, see the outbox). */
    ADMIN_IDS: optional,
    /** Entra object ids of managers: may subscribe channels to the summary and download the portfolio. */
    MANAGER_IDS: optional,
    /** Entra group ids whose members are managers (needs Graph's GroupMember.Read.All for the bot's identity). */
    MANAGER_GROUP_IDS: optional,
    /** Microsoft Graph; another address only for national clouds (and tests). */
    GRAPH_ENDPOINT: z.string().url().default('https://graph.microsoft.com'),
    /** The weekly summary's day (1 = Monday … 7 = Sunday) and local hour (Europe/Stockholm). */
    SUMMARY_WEEKDAY: z.coerce.number().int().min(1).max(7).default(1),
    SUMMARY_HOUR: z.coerce.number().int().min(0).max(23).default(8),
    /** The bot's public address, for download links; App Service's WEBSITE_HOSTNAME otherwise. */
    PUBLIC_URL: optional.pipe(z.string().url().optional()),
    /** Set by App Service itself. */
    WEBSITE_HOSTNAME: optional,
    /** How long asked questions are kept, in days. */
    QUESTION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BOT_ID: optional,
    BOT_PASSWORD: optional,
    BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    BOT_TENANT_ID: optional,
    /** Only for sovereign clouds and tests: where channel token signing keys are published. */
    BOT_OPENID_METADATA: optional.pipe(z.string().url().optional()),
    KNOWLEDGE_DIR: z.string().trim().min(1).default('knowledge'),
    /** Seconds between checks of KNOWLEDGE_DIR for changes made elsewhere (Azure Files); 0 = only local change events. */
    KNOWLEDGE_POLL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(0),
    /** The plan (målområden, insatser) as a Markdown file; the bundled Göteborg plan when unset. */
    PLAN_FILE: optional,
    /** Förvaltningar and bolag that can own an initiative, separated by semicolons. */
    ORGANISATIONS: optional,
    /** The same as a file, one per line; excludes ORGANISATIONS. */
    ORGANISATIONS_FILE: optional,
    DATA_DIR: z.string().trim().min(1).default('data'),
    COSMOS_ENDPOINT: optional.pipe(z.string().url().optional()),
    COSMOS_DATABASE: z.string().trim().min(1).default('planpiloten'),
    COSMOS_KEY: optional,
    AZURE_OPENAI_ENDPOINT: optional.pipe(z.string().url().optional()),
    AZURE_OPENAI_API_KEY: optional,
    AZURE_OPENAI_DEPLOYMENT: optional,
    AZURE_OPENAI_API_VERSION: z.string().trim().min(1).default('2024-10-21'),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_ID && env.BOT_TYPE !== 'UserAssignedMSI' && !env.BOT_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['BOT_PASSWORD'], message: 'krävs när BOT_ID är satt och BOT_TYPE inte är UserAssignedMSI' });
    }
    if (env.BOT_TYPE !== 'MultiTenant' && env.BOT_ID && !env.BOT_TENANT_ID) {
      ctx.addIssue({ code: 'custom', path: ['BOT_TENANT_ID'], message: `krävs när BOT_TYPE är ${env.BOT_TYPE}` });
    }
    const host = env.HOST ?? (env.BOT_ID ? '0.0.0.0' : '127.0.0.1');
    if (!env.BOT_ID && !LOOPBACK.has(host) && env.ALLOW_ANONYMOUS_REMOTE !== 'true') {
      ctx.addIssue({
        code: 'custom',
        path: ['HOST'],
        message: 'utan BOT_ID tar boten emot anrop utan token och lyssnar därför bara på 127.0.0.1; sätt BOT_ID, eller ALLOW_ANONYMOUS_REMOTE=true för ett isolerat testnät',
      });
    }
    const openAi = [env.AZURE_OPENAI_ENDPOINT, env.AZURE_OPENAI_DEPLOYMENT];
    if (openAi.some(Boolean) && !openAi.every(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.AZURE_OPENAI_ENDPOINT ? 'AZURE_OPENAI_DEPLOYMENT' : 'AZURE_OPENAI_ENDPOINT'],
        message: 'AZURE_OPENAI_ENDPOINT och AZURE_OPENAI_DEPLOYMENT sätts tillsammans',
      });
    }
  });

export interface Config {
  port: number;
  host: string;
  /** Local mode listening beyond loopback, explicitly allowed. */
  anonymousRemote: boolean;
  /** Tenants whose activities are accepted; empty accepts any (then the token decides). */
  allowedTenants: readonly string[];
  pseudonymKey: string | undefined;
  questionRetentionDays: number;
  followUp: { hour: number; spreadMinutes: number; reminderDays: number; outboxIntervalSeconds: number };
  /** Entra object ids allowed to run administrator commands. */
  adminIds: readonly string[];
  /** Entra object ids of managers (summaries and the portfolio download). */
  managerIds: readonly string[];
  /** Entra group ids whose members are managers, and where Graph answers. */
  managerGroupIds: readonly string[];
  graphEndpoint: string;
  summary: { weekday: number; hour: number };
  /** Where people's browsers reach the bot (download links). */
  publicUrl: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** Bot Framework identity; undefined in local mode (anonymous requests accepted). */
  bot:
    | {
        appId: string;
        password: string | undefined;
        type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
        tenantId: string | undefined;
        openIdMetadata: string | undefined;
      }
    | undefined;
  knowledgeDir: string;
  /** 0 when only local change events reload the documents. */
  knowledgePollSeconds: number;
  /** Absolute path of the plan file, independent of knowledgeDir. */
  planFile: string;
  organisations: readonly string[];
  dataDir: string;
  /** Cosmos DB; undefined selects the embedded store under dataDir. */
  cosmos: { endpoint: string; database: string; key: string | undefined } | undefined;
  /** Azure OpenAI for generated answers; undefined means retrieval answers only. */
  openAi: { endpoint: string; deployment: string; apiKey: string | undefined; apiVersion: string } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ogiltig konfiguration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment. Throws ConfigError naming every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Readonly<Config> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'miljön'}: ${i.message}`));
  }
  const e = parsed.data;
  const organisations = readOrganisations(e.ORGANISATIONS, e.ORGANISATIONS_FILE, cwd);
  const config: Config = {
    port: e.PORT,
    host: e.HOST ?? (e.BOT_ID ? '0.0.0.0' : '127.0.0.1'),
    anonymousRemote: !e.BOT_ID && e.ALLOW_ANONYMOUS_REMOTE === 'true',
    allowedTenants: Object.freeze(
      e.ALLOWED_TENANTS ? e.ALLOWED_TENANTS.split(/[;,]/).map((t) => t.trim()).filter(Boolean) : e.BOT_TENANT_ID && e.BOT_TYPE !== 'MultiTenant' ? [e.BOT_TENANT_ID] : [],
    ),
    pseudonymKey: e.PSEUDONYM_KEY,
    questionRetentionDays: e.QUESTION_RETENTION_DAYS,
    followUp: { hour: e.FOLLOW_UP_HOUR, spreadMinutes: e.FOLLOW_UP_SPREAD_MINUTES, reminderDays: e.FOLLOW_UP_REMINDER_DAYS, outboxIntervalSeconds: e.OUTBOX_INTERVAL_SECONDS },
    adminIds: Object.freeze(idList(e.ADMIN_IDS)),
    managerIds: Object.freeze(idList(e.MANAGER_IDS)),
    managerGroupIds: Object.freeze(idList(e.MANAGER_GROUP_IDS)),
    graphEndpoint: e.GRAPH_ENDPOINT.replace(/\/+$/, ''),
    summary: { weekday: e.SUMMARY_WEEKDAY, hour: e.SUMMARY_HOUR },
    publicUrl: (e.PUBLIC_URL ?? (e.WEBSITE_HOSTNAME ? `https://${e.WEBSITE_HOSTNAME}` : `http://localhost:${e.PORT}`)).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    bot: e.BOT_ID
      ? { appId: e.BOT_ID, password: e.BOT_PASSWORD, type: e.BOT_TYPE, tenantId: e.BOT_TENANT_ID, openIdMetadata: e.BOT_OPENID_METADATA }
      : undefined,
    knowledgeDir: path.resolve(cwd, e.KNOWLEDGE_DIR),
    knowledgePollSeconds: e.KNOWLEDGE_POLL_SECONDS,
    planFile: e.PLAN_FILE ? path.resolve(cwd, e.PLAN_FILE) : BUNDLED_PLAN_FILE,
    organisations: Object.freeze(organisations),
    dataDir: path.resolve(cwd, e.DATA_DIR),
    cosmos: e.COSMOS_ENDPOINT ? { endpoint: e.COSMOS_ENDPOINT, database: e.COSMOS_DATABASE, key: e.COSMOS_KEY } : undefined,
    openAi:
      e.AZURE_OPENAI_ENDPOINT && e.AZURE_OPENAI_DEPLOYMENT
        ? { endpoint: e.AZURE_OPENAI_ENDPOINT, deployment: e.AZURE_OPENAI_DEPLOYMENT, apiKey: e.AZURE_OPENAI_API_KEY, apiVersion: e.AZURE_OPENAI_API_VERSION }
        : undefined,
  };
  return Object.freeze(config);
}

function idList(value: string | undefined): string[] {
  return value ? value.split(/[;,]/).map((t) => t.trim()).filter(Boolean) : [];
}

/** Every setting the schema knows, for checks that compare it with the infrastructure. */
export const SETTING_NAMES: readonly string[] = Object.keys(schema.innerType().shape);

/** Organisations from the setting, the file, or the default list; a bad list stops start-up. */
function readOrganisations(setting: string | undefined, file: string | undefined, cwd: string): string[] {
  if (setting && file) throw new ConfigError(['ORGANISATIONS_FILE: sätt antingen ORGANISATIONS eller ORGANISATIONS_FILE, inte båda']);
  let list: OrganisationList;
  if (file) {
    const resolved = path.resolve(cwd, file);
    let text: string;
    try {
      text = readFileSync(resolved, 'utf8');
    } catch (error) {
      throw new ConfigError([`ORGANISATIONS_FILE: ${resolved} kunde inte läsas (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
    }
    list = organisationsFromFile(text, resolved);
  } else {
    list = organisationsFromSetting(setting ?? DEFAULT_ORGANISATIONS.join(';'));
  }
  if (list.problems.length > 0) throw new ConfigError(list.problems.map((p) => (file ? `ORGANISATIONS_FILE: ${p}` : p)));
  return list.organisations;
}
