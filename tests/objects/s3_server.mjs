// Starts s3rver on a loopback port for the object-storage tests (tests/objects/run.sh), with
// AWS Signature Version 4 checked in front of it: s3rver 3.7.1 checks the access key ID of a V4
// request but not its signature, so a request signed with a wrong secret would pass. The check
// here is written from AWS's documentation ("Authenticating Requests: Using the Authorization
// Header" and "Using Query Parameters"), independently of Larder's signer, and proves itself
// against the documentation's GET Object example before the server starts.
//
// Usage: node s3_server.mjs DIR BUCKET…   Prints "listening on 127.0.0.1:PORT" when ready.
// Access key and secret: S3RVER / S3RVER (s3rver's account).
import crypto from 'node:crypto';
import S3rver from 's3rver';

const SECRETS = new Map([['S3RVER', 'S3RVER']]);

const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => crypto.createHmac('sha256', key).update(data).digest();

// RFC 3986 unreserved characters stay, everything else is %XX (upper case); '/' optionally.
function awsEncode(text, keepSlash) {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === '/')) out += c;
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

const decode = (text) => decodeURIComponent(text.replace(/\+/g, '%20'));

function canonicalQuery(rawQuery, leaveOut) {
  if (!rawQuery) return '';
  return rawQuery
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const name = decode(eq < 0 ? part : part.slice(0, eq));
      const value = eq < 0 ? '' : decode(part.slice(eq + 1));
      return [awsEncode(name, false), awsEncode(value, false)];
    })
    .filter(([name]) => name !== leaveOut)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

// The signature of a request, following the four steps of the documentation.
function signatureOf({ method, rawPath, rawQuery, headers, signedHeaders, payloadHash,
                       amzDate, scope, secret, leaveOutOfQuery }) {
  const path = awsEncode(decode(rawPath), true);
  const headerBlock = signedHeaders
    .map((name) => `${name}:${String(headers[name] ?? '').trim().replace(/ +/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [method, path, canonicalQuery(rawQuery, leaveOutOfQuery), headerBlock,
                            signedHeaders.join(';'), payloadHash].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, [...scope, 'aws4_request'].join('/'),
                        sha256(canonicalRequest)]
    .join('\n');
  const [date, region, service] = scope;
  const key = hmac(hmac(hmac(hmac('AWS4' + secret, date), region), service), 'aws4_request');
  return crypto.createHmac('sha256', key).update(stringToSign).digest('hex');
}

// Returns null when the request is signed right, else why not.
function checkSignature(req) {
  const [rawPath, rawQuery = ''] = req.url.split(/\?(.*)/s);
  const authorization = req.headers['authorization'];
  let credential, signedHeaders, provided, amzDate, payloadHash, leaveOut;
  if (authorization) {
    const match = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/
      .exec(authorization);
    if (!match) return 'the Authorization header is not a Signature Version 4 one';
    [, credential, signedHeaders, provided] = match;
    amzDate = req.headers['x-amz-date'];
    payloadHash = req.headers['x-amz-content-sha256'];
  } else {
    const query = new URLSearchParams(rawQuery);
    if (!query.has('X-Amz-Signature')) return 'the request is not signed';
    credential = query.get('X-Amz-Credential');
    signedHeaders = query.get('X-Amz-SignedHeaders');
    provided = query.get('X-Amz-Signature');
    amzDate = query.get('X-Amz-Date');
    payloadHash = 'UNSIGNED-PAYLOAD';
    leaveOut = 'X-Amz-Signature';
  }
  const [accessKey, ...scope] = credential.split('/');
  const secret = SECRETS.get(accessKey);
  if (secret === undefined) return null;  // s3rver itself answers InvalidAccessKeyId.
  const expected = signatureOf({
    method: req.method, rawPath, rawQuery, headers: req.headers,
    signedHeaders: signedHeaders.split(';'), payloadHash, amzDate, scope: scope.slice(0, 3),
    secret, leaveOutOfQuery: leaveOut,
  });
  return expected === provided ? null : 'the signature does not match';
}

// The checker reproduces the documentation's GET Object example, or nothing starts.
const example = signatureOf({
  method: 'GET', rawPath: '/test.txt', rawQuery: '',
  headers: {
    host: 'examplebucket.s3.amazonaws.com', range: 'bytes=0-9',
    'x-amz-content-sha256': sha256(''), 'x-amz-date': '20130524T000000Z',
  },
  signedHeaders: ['host', 'range', 'x-amz-content-sha256', 'x-amz-date'],
  payloadHash: sha256(''), amzDate: '20130524T000000Z',
  scope: ['20130524', 'us-east-1', 's3'], secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
});
if (example !== 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41') {
  console.error(`s3_server.mjs: the signature checker is wrong (${example})`);
  process.exit(2);
}

const [directory, ...buckets] = process.argv.slice(2);
if (!directory || buckets.length === 0) {
  console.error('usage: node s3_server.mjs DIR BUCKET…');
  process.exit(2);
}
const server = new S3rver({
  address: '127.0.0.1', port: 0, silent: true, directory,
  configureBuckets: buckets.map((name) => ({ name })),
});
server.middleware.unshift(async (ctx, next) => {
  const problem = checkSignature(ctx.req);
  if (problem === null) return next();
  ctx.status = 403;
  ctx.type = 'application/xml';
  ctx.body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code>' +
    `<Message>${problem}</Message></Error>`;
});
const { port } = await server.run();
console.log(`listening on 127.0.0.1:${port}`);
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
