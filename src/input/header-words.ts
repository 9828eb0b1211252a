// Input stage: reads one header name the way a careful person would, as words ("Person - Phone -
// Mobile" -> person, phone, mobile), and says what the column could hold: a WhatsApp, mobile,
// generic or landline number, an e-mail, the chat's owner/agent, the WABA number, or none of these.
// columns.ts ranks the columns from these verdicts; nothing here looks at cell values.

export type PhoneKind = 'whatsapp' | 'mobile' | 'phone' | 'landline';

export interface HeaderVerdict {
  /** Names the chat's owner, agent, assignee or collaborator. */
  agentish: boolean;
  /** Names the business (WABA) number. */
  waba: boolean;
  /** What kind of phone number the name promises, if any. */
  phone: PhoneKind | undefined;
  /** An e-mail column (an agent's e-mail is resolved through the team directory). */
  email: boolean;
  /** Words that rule the column out for any role: an id, a date, an opt-in flag, a country code… */
  unusable: boolean;
  /** Names a company/account/deal rather than the person the chat is with. */
  secondary: boolean;
  /** Names the customer explicitly ("Customer Phone", "customer"). */
  customerNamed: boolean;
  /** A second choice by its name ("Alternate Phone", "Secondary Mobile"): loses to the plain one. */
  alternate: boolean;
  /** One of the names README documents for a role (any case or separators): outranks generic names. */
  documented: 'customer' | 'agent' | 'waba' | undefined;
}

const AGENT = new Set(['owner', 'owners', 'agent', 'agents', 'assignee', 'assignees', 'assigned', 'collaborator', 'collaborators']);
const MOBILE = new Set(['mobile', 'mobil', 'mob', 'cell', 'cellphone', 'cellular', 'celular', 'movil', 'handy']);
const PHONE = new Set(['phone', 'phones', 'telephone', 'tel', 'msisdn', 'ph']);
// "Number" alone means nothing ("Account Number"); beside a role word it is the usual phone column.
const NUMBER = new Set(['number', 'numbers', 'no', 'num', 'nr']);
// Numbers a WhatsApp chat is rarely on: never chosen unless named with a flag.
const LANDLINE = new Set([
  'work', 'office', 'business', 'landline', 'land', 'fixed', 'fax', 'home', 'company', 'organization', 'organisation', 'org',
  'account', 'assistant', 'asst', 'pager', 'other', 'main', 'direct', 'desk', 'switchboard',
]);
const SECONDARY = new Set(['account', 'company', 'organization', 'organisation', 'org', 'deal', 'lead', 'opportunity']);
const EMAIL = new Set(['email', 'mail', 'emails']);
// Columns about a number or a person that never hold the number or the person themselves.
const UNUSABLE = new Set([
  'id', 'date', 'time', 'status', 'opt', 'optin', 'optout', 'consent', 'type', 'country', 'code', 'ext', 'extension', 'verified',
  'valid', 'count', 'source', 'created', 'modified', 'updated', 'subscribed', 'subscription', 'template', 'message', 'label',
  'tag', 'region', 'prefix', 'team', 'role', 'department', 'previous', 'history', 'timestamp', 'alias',
]);
const ALTERNATE = new Set(['alternate', 'alternative', 'alt', 'secondary', 'additional', 'second', 'backup', '2']);
const CUSTOMER = new Set(['customer', 'client', 'contact', 'person', 'recipient']);
const WABA_KEYS = new Set(['waba', 'wabanumber', 'wabaphone', 'wabaphonenumber', 'from', 'businessnumber', 'sendernumber', 'whatsappbusinessnumber', 'whatsappbusiness']);
// Names this tool documented before it read words: kept so old files keep working.
const CUSTOMER_KEYS = new Set(['customer', 'to', 'customernumber', 'customerno']);
// The exact names README documents for each role: a file written for this tool says what it means
// with them, so "customer_phone" beats "Contact Phone Number" rather than tying with it.
const DOCUMENTED: readonly ['customer' | 'agent' | 'waba', ReadonlySet<string>][] = [
  ['customer', new Set([...CUSTOMER_KEYS, 'customerphone', 'customerphonenumber'])],
  ['agent', new Set(['agentphone', 'agentphonenumber', 'agentnumber', 'agent', 'agents'])],
  ['waba', new Set(['wabanumber', 'waba', 'from', 'businessnumber'])],
];

/** Lower-case words of a header: camelCase, separators and brackets split it. */
export function headerWords(name: string): string[] {
  return name
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** Header names as people write them differ in case and separators only: "Customer Phone", "customer_phone", "customerPhone". */
export function looseKey(name: string): string {
  return headerWords(name).join('');
}

export function judgeHeader(name: string): HeaderVerdict {
  const words = headerWords(name);
  const key = words.join('');
  const has = (set: ReadonlySet<string>): boolean => words.some((word) => set.has(word));
  const whatsapp = key.includes('whatsapp');
  // "WhatsApp Business Number" is the business's own number, not the customer's.
  const waba = WABA_KEYS.has(key) || words.includes('waba') || (key.includes('whatsapp') && (words.includes('business') || words.includes('sender')));
  const agentish = has(AGENT);
  const customerNamed = has(CUSTOMER) || CUSTOMER_KEYS.has(key);
  const numbered = has(NUMBER) && (agentish || customerNamed || whatsapp || has(MOBILE));
  const phoneish = whatsapp || has(MOBILE) || has(PHONE) || numbered || CUSTOMER_KEYS.has(key) || words.includes('fax');
  let phone: PhoneKind | undefined;
  if (phoneish) {
    if (whatsapp) phone = 'whatsapp';
    else if (has(LANDLINE)) phone = 'landline';
    else if (has(MOBILE)) phone = 'mobile';
    else phone = 'phone';
  }
  return {
    agentish,
    waba,
    phone,
    email: has(EMAIL),
    unusable: has(UNUSABLE),
    secondary: has(SECONDARY),
    customerNamed,
    alternate: has(ALTERNATE),
    documented: DOCUMENTED.find(([, keys]) => keys.has(key))?.[0],
  };
}
