/** The tuning of the agent runtime: claims, turn limits, retries, concurrency. */

/** How the agent runtime claims, runs and retries jobs. */
export interface AgentRuntimeOptions {
  claimGraceMs: number;
  settleMs: number;
  maxSteps: number;
  stepTimeoutMs: number;
  budgetTokens: number;
  dailyToolCalls: number;
  retryMinMs: number;
  retryMaxMs: number;
  triggerMaxAgeMs: number;
  concurrency: number;
  /** Record jobs but run none until `resume` (the CLI: only `qwanyx ask` answers; other commands leave it to the app). */
  paused: boolean;
}

/** The options of the app; a core config may override any of them. */
export const DEFAULT_AGENT_OPTIONS: AgentRuntimeOptions = {
  claimGraceMs: 3_000,
  settleMs: 800,
  maxSteps: 6,
  stepTimeoutMs: 90_000,
  budgetTokens: 6_000,
  dailyToolCalls: 500,
  retryMinMs: 2_000,
  retryMaxMs: 60_000,
  triggerMaxAgeMs: 24 * 3_600_000,
  concurrency: 2,
  paused: false,
};
