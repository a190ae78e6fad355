import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** The service's Prometheus metrics, in a registry of its own (not prom-client's global one). */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly decisions = new Counter({
    name: "smart_approval_decisions_total",
    help: "Decisions made, by matter and outcome",
    labelNames: ["matter", "outcome"] as const,
    registers: [this.registry],
  });
  readonly refused = new Counter({
    name: "smart_approval_undecidable_total",
    help: "Applications that could not be decided (problem documents returned)",
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: "smart_approval_decision_duration_seconds",
    help: "Time to decide one application, in the service",
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly rules = new Gauge({
    name: "smart_approval_rules_info",
    help: "The rules being served (1 for the current SHA-256)",
    labelNames: ["sha256"] as const,
    registers: [this.registry],
  });
  readonly reloads = new Counter({
    name: "smart_approval_reloads_total",
    help: "Rule reloads, by result (ok, refused)",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: "smart_approval_rejected_requests_total",
    help: "Requests turned away with 429 because the service was saturated",
    registers: [this.registry],
  });
  readonly logDropped = new Counter({
    name: "smart_approval_log_dropped_total",
    help: "Decision log entries dropped because the input could not be masked",
    registers: [this.registry],
  });

  /** The decisions counter's child per matter and outcome: found once, not hashed per decision. */
  readonly #decisionChildren = new Map<string, { inc(): void }>();

  countDecision(matter: string, outcome: string): void {
    const key = `${matter}\u0000${outcome}`;
    let child = this.#decisionChildren.get(key);
    if (child === undefined) {
      child = this.decisions.labels({ matter, outcome });
      this.#decisionChildren.set(key, child);
    }
    child.inc();
  }

  constructor(labels: Record<string, string> = {}) {
    this.registry.setDefaultLabels(labels);
    collectDefaultMetrics({ register: this.registry });
  }

  setRules(sha256: string): void {
    this.rules.reset();
    this.rules.set({ sha256 }, 1);
  }
}
