/** Everything a person can read on a card, with markdown escapes removed. */
export function textOf(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string') parts.push(o.text);
      if (typeof o.title === 'string' && typeof o.value === 'string' && !('type' in o)) parts.push(`${o.title}: ${o.value}`);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return parts.join('\n').replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1');
}

/** The value an input with this id shows on the card. */
export function inputValue(card: unknown, id: string): unknown {
  let found: unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.id === id) found = o.value;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The data of the first action titled `title` anywhere on the card (ActionSets and ShowCards too). */
export function actionData(card: unknown, title: string): Record<string, string> | undefined {
  let found: Record<string, string> | undefined;
  const walk = (node: unknown): void => {
    if (found) return;
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.title === title && typeof o.type === 'string' && o.type.startsWith('Action.') && o.data) found = o.data as Record<string, string>;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Every input on the card with the value it shows: what a client submits when nothing is changed. */
export function inputsOf(card: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') out[o.id] = o.value ?? '';
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}
