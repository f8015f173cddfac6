/**
 * `npm run check:api`: fails when web/src/api/openapi.json or schema.d.ts is not what `npm run gen:api`
 * makes of the server today, i.e. a route's schema changed and the web client's types were not
 * regenerated. Regenerates into a temp folder with the same script and the same openapi-typescript
 * command as gen:api, then compares bytes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/core/paths.js';
import { openApiPath, writeOpenApiDocument } from './openapi.js';

const root = projectRoot();
const schemaPath = path.join(root, 'web/src/api/schema.d.ts');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-check-api-'));
try {
  const freshDoc = path.join(tmp, 'openapi.json');
  const freshSchema = path.join(tmp, 'schema.d.ts');
  await writeOpenApiDocument(freshDoc);
  execFileSync(path.join(root, 'node_modules/.bin/openapi-typescript'), [freshDoc, '-o', freshSchema], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stale = [
    [openApiPath, freshDoc],
    [schemaPath, freshSchema],
  ].flatMap(([committed, fresh]) => {
    const same = fs.existsSync(committed!) && fs.readFileSync(committed!).equals(fs.readFileSync(fresh!));
    return same ? [] : [path.relative(root, committed!)];
  });
  if (stale.length) {
    console.error(`The generated API client is stale: ${stale.join(', ')}. Run npm run gen:api and commit the result.`);
    process.exitCode = 1;
  } else {
    console.log('The generated API client is current.');
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
