import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface CompositeMapper {
  type: { name: string; className?: string; additionalProperties?: { type: { name: string } } };
}

/**
 * botframework-connector serialises outgoing activities with a schema whose Entity type
 * lists only `type`, `text` and `mentioned`; every other field is silently dropped. Teams'
 * AI label and citations are entity fields (`@type`, `additionalType`, `citation`), so they
 * never reached Teams (reported for the Teams AI library, microsoft/teams-sdk#2307).
 * Declaring additional properties on the Entity mapper lets them through unchanged.
 */
export function allowEntityFields(): void {
  const mappers = require('botframework-connector/lib/connectorApi/models/mappers') as Record<string, CompositeMapper | undefined>;
  const entity = mappers.Entity;
  if (!entity) throw new Error('botframework-connector has no Entity mapper: review bot/entitySerialization.ts');
  entity.type.additionalProperties ??= { type: { name: 'Object' } };
}
