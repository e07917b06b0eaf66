/** Widget CSS, scoped by the shadow root (the host page's CSS cannot reach it). */
export const WIDGET_CSS = `
:host { all: initial; }
* { box-sizing: border-box; font-family: -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif; }
.launcher { position: fixed; right: 24px; bottom: 24px; width: 60px; height: 60px; border-radius: 50%; border: none; cursor: pointer;
  background: linear-gradient(135deg, #ff5000, #ff2a55); color: #fff; box-shadow: 0 8px 24px rgba(255, 60, 40, .35); display: grid; place-items: center; z-index: 2147483646; }
.launcher:focus-visible, button:focus-visible, textarea:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
.panel { position: fixed; right: 24px; bottom: 96px; width: 380px; height: min(620px, calc(100vh - 120px)); background: #fff; border-radius: 16px;
  box-shadow: 0 16px 48px rgba(0,0,0,.18); display: flex; flex-direction: column; overflow: hidden; z-index: 2147483647; color: #1f2329; font-size: 14px; line-height: 1.55; }
.panel[hidden] { display: none; }
header { background: linear-gradient(135deg, #ff5000, #ff2a55); color: #fff; padding: 14px 16px; display: flex; align-items: center; gap: 10px; }
header .avatar { width: 36px; height: 36px; border-radius: 50%; background: rgba(255,255,255,.25); display: grid; place-items: center; font-weight: 700; }
header h2 { margin: 0; font-size: 15px; font-weight: 600; }
header p { margin: 0; font-size: 12px; opacity: .85; }
header .close { margin-left: auto; background: transparent; border: none; color: #fff; font-size: 22px; cursor: pointer; line-height: 1; }
.log { flex: 1; overflow-y: auto; padding: 16px; background: #f6f7f9; display: flex; flex-direction: column; gap: 10px; }
.msg { max-width: 82%; padding: 9px 12px; border-radius: 14px; white-space: pre-wrap; word-break: break-word; }
.msg.bot { background: #fff; align-self: flex-start; border-bottom-left-radius: 4px; box-shadow: 0 1px 2px rgba(0,0,0,.06); }
.msg.agent { background: #e8f3ff; align-self: flex-start; border-bottom-left-radius: 4px; }
.msg.agent .who { display: block; font-size: 11px; color: #1a73e8; margin-bottom: 2px; }
.msg.user { background: #ff5000; color: #fff; align-self: flex-end; border-bottom-right-radius: 4px; }
.msg.notice { align-self: center; background: #fff4e5; color: #8a5300; font-size: 12px; border-radius: 8px; }
.msg img { max-width: 180px; border-radius: 8px; display: block; }
.chip { display: inline-block; margin-top: 6px; font-size: 11px; color: #646a73; background: #f0f1f3; border-radius: 10px; padding: 1px 8px; }
.quick { display: flex; flex-wrap: wrap; gap: 6px; align-self: flex-start; }
.quick button { border: 1px solid #ffb899; background: #fff; color: #e84a00; border-radius: 14px; padding: 4px 12px; font-size: 13px; cursor: pointer; }
.quick button:hover { background: #fff3ed; }
.typing { align-self: flex-start; color: #8f959e; font-size: 12px; }
form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #eceef1; background: #fff; align-items: flex-end; }
textarea { flex: 1; resize: none; border: 1px solid #dfe1e5; border-radius: 10px; padding: 8px 10px; font-size: 14px; height: 40px; max-height: 120px; }
.send { background: #ff5000; color: #fff; border: none; border-radius: 10px; padding: 0 16px; height: 40px; cursor: pointer; font-size: 14px; }
.attach { background: #f0f1f3; color: #646a73; border: none; border-radius: 10px; width: 40px; height: 40px; cursor: pointer; display: grid; place-items: center; }
@media (max-width: 480px) {
  .panel { right: 0; bottom: 0; width: 100vw; height: 100vh; border-radius: 0; }
  .launcher { right: 16px; bottom: 16px; }
}
`;
