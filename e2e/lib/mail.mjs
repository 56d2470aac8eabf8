// The demo has no SMTP: the outbox worker writes each e-mail as an .eml file
// under the server's data folder. These read them back.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The text body of an .eml file (the first part of a multipart one), quoted-printable or base64 decoded. */
export function emlBody(raw) {
  let [head, ...rest] = raw.split(/\r?\n\r?\n/);
  let body = rest.join('\n\n');
  // With a calendar file the message is multipart: the text is the first part.
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1];
  if (boundary) {
    [head, ...rest] = (body.split(`--${boundary}`)[1] ?? '').replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    body = rest.join('\n\n');
  }
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/**
 * Wait (up to `seconds`; the outbox worker runs every 2 s) for the newest
 * e-mail to `email` whose body `pick(body)` accepts (returns something
 * other than undefined), and return what `pick` returned.
 */
export async function waitForMail(server, email, pick, { seconds = 30, what = 'a matching e-mail' } = {}) {
  const dir = path.join(server.tmpDir, 'data', 'outbox');
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.eml')).sort();
    for (const f of files.reverse()) {
      const raw = await readFile(path.join(dir, f), 'utf8');
      if (!raw.includes(email)) continue;
      const found = pick(emlBody(raw));
      if (found !== undefined) return found;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no e-mail to ${email} with ${what} in ${dir} within ${seconds} s`);
}

/** The path of the first link in an e-mail body that matches `pathPattern` (a RegExp source starting with "/"). */
export function linkPath(body, pathPattern) {
  return new RegExp(`https?://[^\\s/]+(${pathPattern})`).exec(body)?.[1];
}
