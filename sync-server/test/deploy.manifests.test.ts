/**
 * deploy/compose.yaml, deploy/Caddyfile and deploy/k8s/*: parsed with a YAML parser and
 * checked for shape; the Kubernetes objects are validated against the Kubernetes OpenAPI
 * JSON schemas bundled in the `kubernetes-models` package (offline, ajv). Also: every
 * environment variable the relay reads (src/config.ts) is documented in deploy/README.md,
 * and the manifests use no variable the relay does not read.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse, parseAllDocuments } from "yaml";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { Service } from "kubernetes-models/v1/Service";
import { Secret } from "kubernetes-models/v1/Secret";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const read = (p: string) => readFileSync(path.join(REPO, p), "utf8");

/** Every variable name src/config.ts reads from the environment. */
function configVars(): string[] {
  const src = read("sync-server/src/config.ts");
  const names = new Set<string>();
  for (const m of src.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)) names.add(m[1]!);
  for (const m of src.matchAll(/int\(env,\s*"([A-Z0-9_]+)"/g)) names.add(m[1]!);
  return [...names].sort();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const compose = parse(read("deploy/compose.yaml"), { merge: true }) as Any;

describe("configuration is environment only, and documented", () => {
  it("deploy/README.md documents every variable the relay reads", () => {
    const vars = configVars();
    expect(vars).toEqual(expect.arrayContaining(["PORT", "HOST", "DATABASE_URL", "VENTWELL_JWT_SECRET"]));
    expect(vars.length).toBeGreaterThanOrEqual(18);
    const readme = read("deploy/README.md");
    for (const v of vars) expect(readme, v).toContain("`" + v + "`");
  });

  it("the manifests set only variables the relay reads", () => {
    const known = new Set(configVars());
    const relayEnv = Object.keys(compose.services["relay-1"].environment);
    const k8sEnv = (
      loadK8s().find((o) => o.kind === "Deployment")!.spec.template.spec.containers[0].env as Any[]
    ).map((e) => e.name);
    for (const v of [...relayEnv, ...k8sEnv]) expect(known.has(v), v).toBe(true);
  });
});

describe("deploy/compose.yaml", () => {
  const s = compose.services;
  it("has a TLS proxy, two relays and PostgreSQL, each with a healthcheck and a restart policy", () => {
    expect(Object.keys(s).sort()).toEqual(["postgres", "proxy", "relay-1", "relay-2"]);
    for (const [name, svc] of Object.entries<Any>(s)) {
      expect(svc.restart, name).toBe("unless-stopped");
      expect(svc.healthcheck?.test?.length, name).toBeGreaterThan(1);
    }
    for (const r of ["relay-1", "relay-2"]) {
      expect(s[r].healthcheck.test.join(" ")).toContain("http://127.0.0.1:8787/v1/health");
      expect(s[r].build.dockerfile).toBe("deploy/Dockerfile");
      expect(s[r].depends_on.postgres.condition).toBe("service_healthy");
    }
    expect(s.postgres.healthcheck.test.join(" ")).toMatch(/pg_isready/);
    expect(s.proxy.depends_on["relay-1"].condition).toBe("service_healthy");
  });

  it("publishes ports only on the proxy; relays and the database stay on an internal network", () => {
    expect(s.proxy.ports).toEqual(["80:80", "443:443", "443:443/udp"]);
    for (const name of ["relay-1", "relay-2", "postgres"]) {
      expect(s[name].ports, name).toBeUndefined();
      expect(s[name].networks, name).toEqual(["backend"]);
    }
    expect(compose.networks.backend.internal).toBe(true);
    expect(s.proxy.networks).toEqual(["edge", "backend"]);
  });

  it("gives both relays the same database and secret, from the environment, never literals", () => {
    const [a, b] = [s["relay-1"].environment, s["relay-2"].environment];
    expect(b).toEqual(a);
    expect(a.DATABASE_URL).toMatch(
      /^postgres:\/\/ventwell:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/ventwell$/,
    );
    expect(a.VENTWELL_JWT_SECRET).toMatch(/^\$\{VENTWELL_JWT_SECRET:\?[^}]+\}$/);
    expect(a.VENTWELL_METRICS_TOKEN).toMatch(/^\$\{VENTWELL_METRICS_TOKEN:\?/);
    expect(s.postgres.environment.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(a.VENTWELL_TRUST_PROXY).toBe("1");
    expect(a.HOST).toBe("0.0.0.0");
  });

  it("keeps PostgreSQL's data in a named volume; relays run read-only", () => {
    expect(s.postgres.volumes).toContain("pgdata:/var/lib/postgresql/data");
    expect(Object.keys(compose.volumes)).toContain("pgdata");
    for (const r of ["relay-1", "relay-2"]) {
      expect(s[r].read_only).toBe(true);
      expect(s[r].tmpfs).toEqual(["/tmp"]);
    }
  });

  it("the Caddyfile proxies to both relays, unbuffered for event streams, without access logs", () => {
    expect(s.proxy.volumes).toContain("./Caddyfile:/etc/caddy/Caddyfile:ro");
    const caddy = read("deploy/Caddyfile");
    const active = caddy
      .split("\n")
      .map((l) => l.replace(/#.*/, "").trim())
      .filter(Boolean)
      .join("\n");
    expect(active).toMatch(/reverse_proxy relay-1:8787 relay-2:8787 \{/);
    expect(active).toContain("health_uri /v1/health");
    expect(active).toContain("flush_interval -1");
    expect(active).not.toMatch(/^\s*log\b/m);
    // Balanced braces: a cheap syntax check without a Caddy binary.
    expect((active.match(/\{/g) ?? []).length).toBe((active.match(/\}/g) ?? []).length);
  });
});

function loadK8s(): Any[] {
  const dir = path.join(REPO, "deploy/k8s");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml")
    .flatMap((f) =>
      parseAllDocuments(readFileSync(path.join(dir, f), "utf8")).map((d) => ({ ...d.toJS(), __file: f })),
    );
}

const MODELS: Record<string, new (o: Any) => { validate(): void }> = {
  "apps/v1 Deployment": Deployment,
  "v1 Service": Service,
  "v1 Secret": Secret,
  "autoscaling/v2 HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "policy/v1 PodDisruptionBudget": PodDisruptionBudget,
  "networking.k8s.io/v1 Ingress": Ingress,
};

describe("deploy/k8s", () => {
  const objs = loadK8s();
  const byKind = (k: string) => objs.find((o) => o.kind === k)!;

  it("every object validates against its Kubernetes JSON schema", () => {
    expect(objs.map((o) => o.kind).sort()).toEqual([
      "Deployment",
      "HorizontalPodAutoscaler",
      "Ingress",
      "PodDisruptionBudget",
      "Secret",
      "Service",
    ]);
    for (const o of objs) {
      const Model = MODELS[`${o.apiVersion} ${o.kind}`];
      expect(Model, `${o.__file}: ${o.apiVersion} ${o.kind}`).toBeDefined();
      const { __file, ...obj } = o;
      expect(() => new Model!(obj).validate(), __file).not.toThrow();
    }
  });

  it("the schema check can fail: broken manifests are rejected", () => {
    const d = structuredClone(byKind("Deployment"));
    delete d.__file;
    d.spec.template.spec.containers[0].ports[0].containerPort = "8787";
    expect(() => new Deployment(d).validate()).toThrow(/containerPort/);
    const h = structuredClone(byKind("HorizontalPodAutoscaler"));
    delete h.__file;
    h.spec.metrics[0].resource.target.type = undefined;
    expect(() => new HorizontalPodAutoscaler(h).validate()).toThrow();
  });

  it("Deployment: 2 replicas, probes on /v1/health, non-root, read-only root fs with an emptyDir /tmp", () => {
    const d = byKind("Deployment");
    expect(d.spec.replicas).toBe(2);
    const pod = d.spec.template.spec;
    expect(d.spec.selector.matchLabels).toEqual({ "app.kubernetes.io/name": "ventwell-relay" });
    for (const [k, v] of Object.entries(d.spec.selector.matchLabels))
      expect(d.spec.template.metadata.labels[k]).toBe(v);
    const c = pod.containers[0];
    for (const probe of [c.readinessProbe, c.livenessProbe]) {
      expect(probe.httpGet.path).toBe("/v1/health");
      expect(c.ports.map((p: Any) => p.name)).toContain(probe.httpGet.port);
    }
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    // The same uid as the image's USER.
    expect(read("deploy/Dockerfile")).toContain(
      `USER ${pod.securityContext.runAsUser}:${pod.securityContext.runAsGroup}`,
    );
    expect(c.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
    });
    expect(c.resources.requests.cpu).toBeDefined();
    expect(c.resources.limits.memory).toBeDefined();
    const tmp = c.volumeMounts.find((m: Any) => m.mountPath === "/tmp");
    expect(pod.volumes.find((v: Any) => v.name === tmp.name).emptyDir).toBeDefined();
    const dataDir = c.env.find((e: Any) => e.name === "VENTWELL_DATA_DIR").value as string;
    expect(dataDir.startsWith("/tmp/")).toBe(true);
  });

  it("PostgreSQL and the relay secret come from the Secret the example describes", () => {
    const env = byKind("Deployment").spec.template.spec.containers[0].env as Any[];
    const secret = byKind("Secret");
    for (const key of ["DATABASE_URL", "VENTWELL_JWT_SECRET"]) {
      const e = env.find((x) => x.name === key);
      expect(e.value, key).toBeUndefined();
      expect(e.valueFrom.secretKeyRef).toEqual({ name: secret.metadata.name, key });
      expect(Object.keys(secret.stringData)).toContain(key);
    }
    expect((parse(read("deploy/k8s/kustomization.yaml")) as Any).resources).not.toContain(
      "secret.example.yaml",
    );
  });

  it("Service, HPA, PDB and Ingress point at the Deployment's pods and port", () => {
    const d = byKind("Deployment");
    const svc = byKind("Service");
    expect(svc.spec.selector).toEqual(d.spec.selector.matchLabels);
    expect(svc.spec.ports[0].targetPort).toBe("http");
    const hpa = byKind("HorizontalPodAutoscaler");
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      name: d.metadata.name,
    });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(byKind("PodDisruptionBudget").spec.selector.matchLabels).toEqual(d.spec.selector.matchLabels);
    const ing = byKind("Ingress");
    const backend = ing.spec.rules[0].http.paths[0].backend.service;
    expect(backend).toEqual({ name: svc.metadata.name, port: { name: svc.spec.ports[0].name } });
    expect(ing.spec.tls[0].hosts).toContain(ing.spec.rules[0].host);
  });

  it("kustomization.yaml lists files that exist", () => {
    const k = parse(read("deploy/k8s/kustomization.yaml")) as Any;
    expect(k.resources.length).toBe(4);
    for (const r of k.resources) expect(existsSync(path.join(REPO, "deploy/k8s", r)), r).toBe(true);
  });
});
