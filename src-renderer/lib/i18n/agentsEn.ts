/** English strings of the agent runtime's controls (merged into `en`). */
export const agentsEn = {
  'agents.job.running': '{name} is answering…',
  'agents.job.waiting': 'Another device may answer…',
  'agents.job.queued': 'Queued: the model server cannot be reached. It answers as soon as it is back.',
  'agents.job.failed': 'The answer failed: {reason}',
  'agents.job.stop': 'Stop',
  'agents.job.retry': 'Retry now',
} as const;
