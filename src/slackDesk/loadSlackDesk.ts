import type { SlackDeskLoader } from './slackAgentDesk.js';

/**
 * Loads Botkit and the Slack adapter with a dynamic import, so only deployments with the Slack
 * variables set ever load them. Nothing in this file imports Botkit.
 */
export const loadSlackDesk: SlackDeskLoader = async (deps) => {
  const { createSlackAgentDesk } = await import('./botkitDesk.js');
  return createSlackAgentDesk(deps);
};
