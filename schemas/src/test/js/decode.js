// Usage: node decode.js <registry base URL> <file of Confluent wire format bytes>
// Prints the record as JSON. Uses @kafkajs/confluent-schema-registry, which fetches the writer's schema by the id
// in the bytes (GET /schemas/ids/{id}) and decodes the Avro binary with avsc.
'use strict';
const fs = require('fs');
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');

async function main() {
  const [registryUrl, wireFile] = process.argv.slice(2);
  if (!registryUrl || !wireFile) {
    throw new Error('usage: node decode.js <registry base URL> <file of wire format bytes>');
  }
  const registry = new SchemaRegistry({ host: registryUrl });
  const decoded = await registry.decode(fs.readFileSync(wireFile));
  process.stdout.write(JSON.stringify(decoded) + '\n');
}

main().catch((error) => {
  process.stderr.write(`decode.js: ${error.stack || error}\n`);
  process.exitCode = 1;
});
