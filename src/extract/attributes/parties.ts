// Parties from a contract's preamble: "by and between X, a Delaware corporation ("Company"), and Y ...",
// "BETWEEN: X ... AND: Y", "X ("Aduro") and Y ("Consultant") agree ...", a letter's "Ladies and Gentlemen:
// X hereby confirms its agreement with Y". Each party is its name as written and the role it is given
// (the defined term in quotes after it). Pure functions.
import { foldName, upperShare } from '../../names.js';

export interface Party {
  name: string;
  role?: string;
  start: number;
  end: number;
}

/** The opening sentence: "This Agreement is made ...", "Ladies and Gentlemen:", or the first paragraph under the title. */
export function preambleStart(text: string): number {
  const head = text.slice(0, 8000);
  const opening =
    /\b(?:THIS|This)\b[^.]{0,250}?\b(?:made|MADE|Made|entered|ENTERED|dated|DATED|executed|EXECUTED|effective|EFFECTIVE|is\s+(?:by|between|among)|IS\s+(?:BY|BETWEEN|AMONG)|between|BETWEEN|among|AMONG)\b|Ladies\s+and\s+Gentlemen\s*:|Dear\s+[A-Z][^\n]{0,60}[,:]|\bB\s?E\s?T\s?W\s?E\s?E\s?N\s*:/;
  const m = opening.exec(head);
  return m ? m.index : 0;
}

const ENTITY_SUFFIX =
  /^,?\s*(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|Corp|Corporation|Co|Company|N\.\s?A|L\.P|LP|LLP|L\.L\.P|P\.C|PLC|plc|S\.A|SA|S\.p\.A|AG|GmbH|B\.V|BV|N\.V|NV|A\/S|AB|Pty|Pte|S\.A\.S|SAS|S\.L|S\.R\.L|KG|K\.K|SE|Oy|ASA|Sdn\.?\s*Bhd|d\/b\/a\s+[^,(]+)\b\.?/i;

/** Cut a party chunk down to the name: stop at the first descriptor, address or parenthesis. */
function nameOf(chunk: string): { name: string; offset: number } | undefined {
  const lead =
    /^(?:[\s,:;"“”'()-]+|(?:and|AND)\s+)*(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+)?(?:and\s+|AND\s+)?(?:(?:Party|PARTY)\s+[A-Z0-9]\s*[:：]\s*|[A-Z][A-Za-z]{2,20}\s*:\s+)?(?:(?:the|The|THE)\s+(?=[A-Z]))?/.exec(
      chunk,
    )![0];
  let rest = chunk.slice(lead.length);
  let name = '';
  for (;;) {
    const stop =
      /,|\(|\s+(?:a|an|A|AN)\s+(?=[A-Z][a-z]+\s|corporation|company|limited|[a-z]+\s+(?:corporation|company|limited|partnership))|\s+(?:having|with\s+(?:its|a|an|offices?|principal)|whose|located|organi[sz]ed|incorporated|existing|represented|acting|hereinafter|herein|together\s+with|in\s+the\s+person|on\s+behalf|doing\s+business|registered|duly|of\s+\d|at\s+\d|a\s+(?:corporation|company)|\d{2,}(?!\s+(?:LIMITED|Limited|LTD|Ltd|INC|Inc|LLC|L\.?P\b))|will|shall|are|is|agrees?|AGREES?|with\s+respect|on\s+the|for\s+the|as\s+follows|dated|DATED|listed|set\s+forth|to\s+be\s+formed|identified\s+(?:on|in)|Suite|Floor|Room|\d+(?:st|nd|rd|th))\b|\s+["“]|\n\s*\n|\s{3,}/.exec(
        rest,
      );
    const piece = stop ? rest.slice(0, stop.index) : rest;
    name += piece;
    if (!stop) break;
    const after = rest.slice(stop.index);
    // "Baidu Online Network Technology (Beijing) Co., Ltd.": a bracketed place inside the name
    const inner =
      stop[0] === '('
        ? /^\([A-Za-z .'-]{2,30}\)\s*(?=(?:Co|Inc|Ltd|LLC|Limited|Corp|Corporation|Company|GmbH|AG|S\.A|Pty|Pte)\b)/.exec(
            after,
          )
        : null;
    if (inner) {
      name += inner[0];
      rest = after.slice(inner[0].length);
      continue;
    }
    const suf = stop[0] === ',' ? ENTITY_SUFFIX.exec(after) : null;
    if (suf) {
      name += suf[0];
      rest = after.slice(suf[0].length);
      continue;
    }
    break;
  }
  name = name
    .replace(/\s+/g, ' ')
    .replace(/[\s,;:]+$/, '')
    .trim();
  // a name starts with a capital, a digit, or a letter of a script without case (Arabic, Hebrew, CJK, ...)
  if (
    !name ||
    !(
      /^[A-Z0-9\u00C0-\u00DE]/.test(name) ||
      /^\p{Lo}/u.test(name) ||
      /^[a-z][\w@.-]*[A-Z@.-]|^[a-z][\w-]*,?\s+(?:Inc|LLC|Ltd|Corp)/.test(name)
    )
  )
    return undefined;
  const words = name.split(' ');
  if (words.length > 12 || name.length > 120) return undefined;
  if (
    /^(?:the\s+)?(?:undersigned|each|its|his|her|their|such|this|that|any|all|you|we|party|parties|company|agreement)\b/i.test(
      name,
    ) &&
    words.length < 3
  )
    return undefined;
  if (
    /^(?:WHEREAS|RECITALS|NOW|IN\s+WITNESS|Section|Article|Exhibit|Schedule|Table|Chapter|Source|PURPOSE)\b/i.test(name)
  )
    return undefined;
  if (
    /\b(?:Street|Road|Avenue|Ave|Plaza|Boulevard|Blvd|Drive|Floor|Suite|Building|District)\b/i.test(name) &&
    !/\b(?:Inc|LLC|Ltd|Corp|Corporation|Company|Limited|Bank|Trust|Fund|Partners)\b/i.test(name)
  )
    return undefined;
  if (
    /\b(?:this|agreement|made|entered|hereby|hereto|herein)\b/i.test(name) &&
    !/\b(?:Inc|LLC|Ltd|Corp|Corporation|Company|Limited)\b/i.test(name)
  )
    return undefined;
  return { name, offset: lead.length };
}

const ROLE =
  /\(\s*(?:each\s+)?(?:the\s+|this\s+|The\s+)?(?:hereinafter\s+|herein\s+|collectively\s*,?\s*)?(?:(?:referred\s+to|called|designated|known)\s+(?:herein\s+)?as\s+)?(?:the\s+)?["“]([^"”]{1,50})["”]|\b(?:hereinafter|herein)\s*(?:,\s*)?(?:referred\s+to\s+as|called|designated\s+as)?\s*(?:the\s+)?["“]([^"”]{1,50})["”]/;

/** An entity name comes next: "Acme Widgets, Inc.", "the Bank of Nowhere N.A." */
const ENTITY_AHEAD =
  /^(?:the\s+|The\s+)?[A-Z0-9][^,();"“]{0,70}?,?\s+(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|Corp|Corporation|Company|L\.?P|LLP|N\.A|plc|PLC|GmbH|AG|S\.A|SA|B\.V|N\.V|Pty|MHC|Bank|Trust|Fund)\b/;

/** A name and its role come next: "JAMES W. NANTZ III ("Nantz")" */
const NAMED_ROLE_AHEAD =
  /^(?!(?:Inc|LLC|Ltd|Limited|Corp|Co|N\.A|L\.P|LP|plc|AG|S\.A)\b)(?:the\s+)?[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){1,5}\s*\(\s*(?:the\s+|The\s+)?["“]/;

function splitTopLevel(s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let depth = 0,
    quote = false,
    from = 0,
    roled = false;
  const sep = /^(?:;\s*(?:and\s+)?|\s+-\s*and\s*-\s+|\s*\bAND\s*:?\s+(?=[A-Z])|\s*\n\s*(?:and|AND)\s*[,:]?\s*\n)/;
  const and = /^,?\s+(?:and|And)\s+(?=(?:the\s+|The\s+)?[A-Za-z0-9])/;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '(') depth++;
    else if (c === ')') {
      depth = Math.max(0, depth - 1);
      roled = true;
    } else if (c === '"' || c === '“' || c === '”') {
      // a quote opens only if it closes soon after: a stray quote left by the conversion must not swallow the rest
      const opening: boolean = c === '“' || (c === '"' && !quote);
      if (!opening || /^.[^"”]{0,60}["”]/.test(s.slice(i))) quote = opening;
      roled = true;
    }
    if (depth || quote) continue;
    const ahead = s.slice(i, i + 200);
    let m = sep.exec(ahead);
    if (!m) {
      // "X and Y" splits two parties once X has its role, or while X is still a bare short name;
      // "located at Berlin and Munich" does not
      const sofar = s.slice(from, i);
      const a = and.exec(ahead);
      if (
        a &&
        (roled ||
          ENTITY_AHEAD.test(ahead.slice(a[0].length)) ||
          (!sofar.includes(',') && sofar.trim().split(/\s+/).length <= 6))
      )
        m = a;
      // "X (the "A"), Y Inc. (the "B") and Z": a list of parties, each with its role
      else if (
        roled &&
        /^,\s+/.test(ahead) &&
        (ENTITY_AHEAD.test(ahead.replace(/^,\s+/, '')) || NAMED_ROLE_AHEAD.test(ahead.replace(/^,\s+/, '')))
      )
        m = /^,\s+/.exec(ahead);
    }
    if (m && i > from) {
      out.push([from, i]);
      from = i + m[0].length;
      i = from - 1;
      roled = false;
    }
  }
  if (from < s.length) out.push([from, s.length]);
  return out;
}

const REGION_END =
  /\b(?:WHEREAS|Whereas|RECITALS|Recitals|W\s?I\s?T\s?N\s?E\s?S\s?S\s?E\s?T\s?H|NOW,?\s+THEREFORE|BACKGROUND|PREAMBLE|agree\s+as\s+follows|hereby\s+agree|(?:agree|agrees)\s+(?:to|that|as)|(?:are|is)\s+(?:each\s+)?(?:sometimes\s+|hereinafter\s+)?(?:individually\s+|collectively\s+)?(?:referred|called)|(?:collectively|individually|each\s+a|each\s+individually|each\s+of\s+which|together\s+the)\b|proposes?\s+to|hereby\s+confirms?|(?:have|has)\s+(?:entered|agreed)|for\s+the\s+purpose)|(?<!\b(?:[A-Z]{1,3}|[A-Z]\.[A-Z]|Inc|Corp|Ltd|Co|No|Mr|Mrs|Ms|Dr|St|Bhd|Pty))\.\s+(?=(?:The|This|In|Each|It|All|Both|As|Whereas|[A-Z]{3,})\b)|\n\s*\n\s*(?:\d+\.|ARTICLE|Section|[A-Z][A-Z ]{4,}\n)/;

const ROLE_ONLY =
  /^(?:the\s+)?(?:Developer|Client|Customer|Company|Supplier|Vendor|Consultant|Contractor|Licensee|Licensor|Distributor|Franchisee|Franchisor|Reseller|Agent|Buyer|Seller|Purchaser|Provider|Manufacturer|Sponsor|Party|You|Affiliate|Employee|Employer|Executive|Corporation)$/i;

/** Entity names over the signature lines ("ACME INC.\n\nBy: ____"), for contracts whose preamble does not name them. */
export function signatureParties(text: string): Party[] {
  const w = text.search(/\bIN\s+WITNESS\s+WHEREOF\b/);
  const from = w >= 0 ? w : Math.floor(text.length * 0.6);
  const out: Party[] = [];
  const by = /(?:^|\n|\s)[ \t]*(?:By|BY)\s*:/g;
  by.lastIndex = from;
  for (let m; (m = by.exec(text)) && out.length < 6;) {
    const back = text.slice(Math.max(from, m.index - 300), m.index + 1);
    const lines = back
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    let line = lines[lines.length - 1];
    if (!line) continue;
    // a block run together on one line: the upper-case name just before "By:"
    const inline =
      /((?:[A-Z0-9\u00C0-\u017F][A-Z0-9\u00C0-\u017F&.,'’()/-]*\s+){0,8}(?:[A-Z\u00C0-\u017F][A-Z0-9\u00C0-\u017F&.,'’()/-]*))\s*$/.exec(
        line.slice(-200),
      );
    if (line.length > 90 && inline) line = inline[1]!;
    // two columns on one line: take each piece
    for (const piece of line.split(/\s{3,}/)) {
      const name = piece
        .replace(/^[^:]{0,40}:\s*(?=[A-Z])/, '')
        .replace(/\s+(?:By|BY|Its|ITS)\b.*$/, '')
        .replace(
          /\s+(?:Franchisee|Franchisor|Licensee|Licensor|Consultant|Company|Client|Customer|Supplier|Distributor)$/i,
          (m, _o, whole: string) => (whole.trim().split(/\s+/).length > 2 ? '' : m),
        )
        .replace(/[:,]$/, '')
        .replace(
          /^(?:Title:\s*)?(?:[A-Z][a-z]+\s+)*(?:Signatory|Officer|President|Director|Manager|Partner|Member|Secretary|Treasurer)\s+(?=[A-Z]{2})/,
          '',
        )
        .trim();
      if (name.length < 3 || name.length > 80 || !/[A-Za-z]/.test(name)) continue;
      if (
        /^(?:IN\s+WITNESS|Name|Title|Date|Signature|Witness|Attest|\/s\/|Per|Its|Address|Accepted|Agreed|AGREED|ACCEPTED|SIGNED)\b/i.test(
          name,
        )
      )
        continue;
      if (
        upperShare(name) < 0.7 &&
        !/\b(?:Inc|LLC|Ltd|Corp|Corporation|Company|Limited|L\.?P|N\.A|GmbH|AG|plc|B\.V)\b\.?/i.test(name)
      )
        continue;
      if (name.split(/\s+/).length > 10 || out.some((p) => p.name === name)) continue;
      const s = text.lastIndexOf(name, m.index + 1);
      if (s < 0) continue;
      out.push({ name, start: s, end: s + name.length });
    }
  }
  return out;
}

/** The parties named in the preamble, in order, then any other entity that signs. */
export function findParties(text: string): Party[] {
  // a role word alone ("Franchisee", "Supplier") names a party left blank: keep it, after the named ones
  const all = preambleParties(text);
  const pre = [...all.filter((p) => !ROLE_ONLY.test(p.name)), ...all.filter((p) => ROLE_ONLY.test(p.name))];
  const key = (n: string) =>
    foldName(n)
      .replace(/\b(?:inc|llc|ltd|corp|corporation|company|limited|the|co)\b/g, '')
      .trim();
  const seen = new Set(pre.map((p) => key(p.name)));
  const extra = signatureParties(text).filter((p) => !seen.has(key(p.name)));
  const named = pre.filter((p) => !ROLE_ONLY.test(p.name));
  const blank = pre.filter((p) => ROLE_ONLY.test(p.name));
  return [...named, ...extra, ...blank].slice(0, 8);
}

/** "Party A: Beike Internet Security Technology Co., Ltd." (contracts translated from Chinese and others). */
function labelledParties(text: string): Party[] {
  const out: Party[] = [];
  const re = /\b(?:Party|PARTY)\s+(?:[AB]|One|Two|ONE|TWO)\s*(?:\([^)]{1,30}\)\s*)?[:：]\s*([^\n]{3,160})/g;
  for (let m; (m = re.exec(text.slice(0, 6000))) && out.length < 4;) {
    const n = nameOf(
      m[1]!.split(/\s+(?:Address|Legal\s+Representative|Registered|Attention|Tel|Domicile|Residence)\b|\s{3,}/)[0]!,
    );
    if (!n || out.some((p) => p.name === n.name)) continue;
    const s = m.index + m[0].length - m[1]!.length + n.offset;
    out.push({
      name: n.name,
      role: m[0].slice(0, m[0].indexOf(m[1]!)).replace(/[:：\s]+$/, ''),
      start: s,
      end: s + n.name.length,
    });
  }
  return out;
}

function preambleParties(text: string): Party[] {
  const labelled = labelledParties(text);
  if (labelled.length >= 2) return labelled;
  const start = preambleStart(text);
  const head = text.slice(start, start + 3000);
  let regionStart: number;
  const kw =
    /\b(?:by\s+and\s+between|by\s+and\s+among|between|among|Between|Among|BETWEEN|AMONG|B\s?E\s?T\s?W\s?E\s?E\s?N)\b\s*:?|Ladies\s+and\s+Gentlemen\s*:|\b(?:made|entered\s+into)\s+by\b(?!\s+and\b)|\bby\b(?=\s+[A-Z])/.exec(
      head.slice(0, 1500),
    );
  if (kw) regionStart = kw.index + kw[0].length;
  else {
    // "X ("Aduro") and Y ("Consultant") agree ...": the first paragraph under the title
    const title = /[^\n]*\b(?:AGREEMENT|CONTRACT|Agreement)\b[^\n]*\n/.exec(text.slice(0, 3000));
    regionStart = title ? title.index + title[0].length - start : 0;
    if (regionStart < 0) regionStart = 0;
  }
  // underlines and column gaps left by the PDF conversion: blank them, keeping offsets
  let region = head.slice(regionStart).replace(/-{3,}/g, (m) => ' '.repeat(m.length));
  const firstParen = region.search(/\(\s*(?:the\s+)?(?:hereinafter\s+)?(?:referred\s+to\s+as\s+)?["“]|hereinafter/);
  const endM = REGION_END.exec(region.slice(Math.max(0, firstParen > 0 ? Math.min(firstParen, 40) : 40)));
  const cut = endM
    ? endM.index + Math.max(0, firstParen > 0 ? Math.min(firstParen, 40) : 40)
    : Math.min(region.length, 1200);
  region = region.slice(0, Math.min(cut, 1500));
  const base = start + regionStart;
  const parties: Party[] = [];
  for (const [a, b] of splitTopLevel(region)) {
    const chunk = region.slice(a, b);
    const n = nameOf(chunk);
    if (!n) continue;
    const r = ROLE.exec(chunk);
    const role = (r?.[1] ?? r?.[2])?.replace(/\s+/g, ' ').trim();
    const lead = chunk.indexOf(n.name.slice(0, Math.min(8, n.name.length)), n.offset);
    const s = base + a + (lead >= 0 ? lead : n.offset);
    if (parties.some((p) => p.name === n.name)) continue;
    parties.push({
      name: n.name,
      ...(role && role.toLowerCase() !== n.name.toLowerCase() ? { role } : {}),
      start: s,
      end: Math.min(s + n.name.length, base + b),
    });
  }
  // a party left unnamed in a form ("... and ____________ ("Franchisee")"): known only by its role
  const roleRe = /["“]([A-Z][a-z]+)["”]/g;
  for (let m; (m = roleRe.exec(region));) {
    const role = m[1]!;
    if (!ROLE_ONLY.test(role) || /^(?:Company|Corporation|Party|Affiliate)$/.test(role)) continue;
    if (
      parties.some(
        (p) =>
          p.role === role ||
          p.name === role ||
          (p.role && new RegExp(`["“]${role}["”]`).test(region.slice(p.start - base, p.end - base + 200))),
      )
    )
      continue;
    const at = base + m.index + 1;
    parties.push({ name: role, role, start: at, end: at + role.length });
  }
  return parties.slice(0, 8);
}
