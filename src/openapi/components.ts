/**
 * The named schemas of the OpenAPI document, each the zod schema the code validates with (or
 * answers with). Requests are converted as their input type, responses as their output type.
 */
import { MessageBodySchema, SessionBodySchema } from '../channels/web/webRouter.js';
import {
  MessagesResponseSchema,
  SessionResponseSchema,
  SupersededEventSchema,
  UploadResponseSchema,
  WebCasesResponseSchema,
} from '../channels/web/webApiSchemas.js';
import { WechatEnvelopeSchema, WechatMessageSchema } from '../channels/wechat/wechatSchema.js';
import { WeiboPassiveReplySchema } from '../channels/weibo/weiboHttpSchemas.js';
import { WeiboPushSchema } from '../channels/weibo/weiboSchema.js';
import { ReplySchema } from '../domain/message.js';
import {
  AgentCaseListSchema,
  AgentCaseSchema,
  AgentDeliverySchema,
  AgentTicketSchema,
} from '../handoff/agentApiSchemas.js';
import { AgentEventSchema } from '../handoff/agentEvents.js';
import {
  MessageSchema as AgentMessageBodySchema,
  ResolveSchema as AgentResolveBodySchema,
} from '../http/agentRouter.js';
import { CaseSchema } from '../domain/case.js';
import { ErasureResponseSchema } from '../privacy/erasureHttpSchemas.js';
import { SlackChallengeSchema, SlackInteractivityFormSchema } from '../slackDesk/slackHttpSchemas.js';
import { BlockActionsSchema, EventsBodySchema } from '../slackDesk/slackPayloads.js';
import { ErrorBodySchema } from '../http/errorBody.js';
import { HealthSchema, ReadinessSchema } from '../http/health.js';

/** Request bodies, by component name. */
export const REQUEST_SCHEMAS = {
  WebSessionRequest: SessionBodySchema,
  WebMessageRequest: MessageBodySchema,
  AgentMessageRequest: AgentMessageBodySchema,
  AgentResolveRequest: AgentResolveBodySchema,
  WechatMessage: WechatMessageSchema,
  WechatEnvelope: WechatEnvelopeSchema,
  WeiboPush: WeiboPushSchema,
  SlackEvents: EventsBodySchema,
  SlackInteractivityForm: SlackInteractivityFormSchema,
  SlackBlockActions: BlockActionsSchema,
};

/** Response bodies (and SSE event data), by component name. */
export const RESPONSE_SCHEMAS = {
  Error: ErrorBodySchema,
  Reply: ReplySchema,
  Case: CaseSchema,
  Health: HealthSchema,
  Readiness: ReadinessSchema,
  WebSession: SessionResponseSchema,
  WebMessages: MessagesResponseSchema,
  WebCases: WebCasesResponseSchema,
  Upload: UploadResponseSchema,
  SupersededEvent: SupersededEventSchema,
  AgentCaseList: AgentCaseListSchema,
  AgentCase: AgentCaseSchema,
  AgentDelivery: AgentDeliverySchema,
  AgentTicket: AgentTicketSchema,
  Erasure: ErasureResponseSchema,
  AgentEvent: AgentEventSchema,
  WeiboPassiveReply: WeiboPassiveReplySchema,
  SlackChallenge: SlackChallengeSchema,
};

export type RequestSchemaName = keyof typeof REQUEST_SCHEMAS;
export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;
