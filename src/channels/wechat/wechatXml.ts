import { XMLParser } from 'fast-xml-parser';

/** Malformed or hostile XML. */
export class WechatXmlError extends Error {}

const parser = new XMLParser({
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  trimValues: false,
});

/**
 * Parses a WeChat XML message into a flat record of its `<xml>` children (strings only). DOCTYPE
 * and ENTITY declarations are refused outright (no XXE, no entity bombs); entities are never
 * expanded. Nested elements and prototype-named tags are dropped, not merged.
 */
export function parseWechatXml(body: string): Record<string, string> {
  if (/<!DOCTYPE|<!ENTITY/i.test(body))
    throw new WechatXmlError('DOCTYPE and ENTITY declarations are not accepted');
  let parsed: unknown;
  try {
    parsed = parser.parse(body, true);
  } catch {
    throw new WechatXmlError('not well-formed XML');
  }
  const root =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).xml : undefined;
  if (typeof root !== 'object' || root === null || Array.isArray(root))
    throw new WechatXmlError('expected an <xml> root element');
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(root)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (typeof value === 'string' || typeof value === 'number') out[key] = String(value);
  }
  return out;
}

/** CDATA section with `]]>` split so it cannot end the section early. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** A passive text reply (CreateTime in seconds). */
export function textReplyXml(to: string, from: string, content: string, now: Date): string {
  return `<xml><ToUserName>${cdata(to)}</ToUserName><FromUserName>${cdata(from)}</FromUserName><CreateTime>${Math.floor(now.getTime() / 1000)}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(content)}</Content></xml>`;
}

/** The safe-mode reply envelope. */
export function encryptedReplyXml(
  encrypt: string,
  signature: string,
  timestamp: string,
  nonce: string,
): string {
  return `<xml><Encrypt>${cdata(encrypt)}</Encrypt><MsgSignature>${cdata(signature)}</MsgSignature><TimeStamp>${timestamp}</TimeStamp><Nonce>${cdata(nonce)}</Nonce></xml>`;
}
