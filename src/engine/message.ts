/**
 * @deprecated Moved to `src/domain/` (message, locale, conversation). Kept only while parallel
 * branches land; import from the domain instead.
 */
export * from '../domain/message.js';
export * from '../domain/locale.js';
export { ChannelNameSchema, type ChannelName } from '../domain/conversation.js';
