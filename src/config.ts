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

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
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
    host: e.HOST,
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
