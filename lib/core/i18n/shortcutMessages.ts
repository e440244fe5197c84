// The pages' words for acting from anywhere: keyboard shortcuts, urgent-cue notifications and the way to the
// session history, in zh-CN and en. Spread into uiMessages (the pages' catalog).

const en = {
  'shortcuts.title': 'Keyboard shortcuts',
  'shortcuts.help':
    "They work in any tab, the platform's own dashboard included, and act on the cue the side panel shows large. Chrome lets you change or switch off each one on its shortcuts page.",
  'shortcuts.cue-done': 'Mark the current cue done',
  'shortcuts.cue-snooze': 'Snooze the current cue',
  'shortcuts.cue-dismiss': 'Dismiss the current cue',
  'shortcuts._execute_action': 'Open the side panel',
  'shortcuts.unset': 'Not set',
  'shortcuts.change': 'Change shortcuts…',
  'shortcuts.unknown': 'Chrome did not say which keys are set.',
  'notifications.title': 'Notifications',
  'notifications.label': 'Show a system notification for an urgent cue while the side panel is closed',
  'notifications.help':
    'Off unless you turn it on. Your computer shows it; nothing is sent anywhere. Chrome asks for permission the first time.',
  'notifications.refused': 'Chrome did not allow notifications, so they stay off.',
  'notifications.revoked':
    'Notifications are on here, but Chrome no longer allows them: turn them off and on again.',
  'link.sessions': 'Sessions and export',
  'hint.shortcuts': 'In any tab: {done} done · {snooze} later · {dismiss} dismiss',
};

const zh: Record<keyof typeof en, string> = {
  'shortcuts.title': '键盘快捷键',
  'shortcuts.help':
    '在任何标签页都能用(包括平台自己的直播中控台),作用于侧边栏大字显示的当前提示。可在 Chrome 的快捷键页面修改或关闭。',
  'shortcuts.cue-done': '将当前提示标为已执行',
  'shortcuts.cue-snooze': '稍后提醒当前提示',
  'shortcuts.cue-dismiss': '忽略当前提示',
  'shortcuts._execute_action': '打开侧边栏',
  'shortcuts.unset': '未设置',
  'shortcuts.change': '修改快捷键…',
  'shortcuts.unknown': 'Chrome 未提供当前的快捷键。',
  'notifications.title': '系统通知',
  'notifications.label': '侧边栏关闭时,用系统通知显示紧急提示',
  'notifications.help': '默认关闭。通知由你的电脑显示,不会发送到任何地方。首次开启时 Chrome 会请求权限。',
  'notifications.refused': 'Chrome 未允许通知,已保持关闭。',
  'notifications.revoked': '此处已开启通知,但 Chrome 已不再允许:请关闭后重新开启。',
  'link.sessions': '历史场次与导出',
  'hint.shortcuts': '任意标签页:{done} 已执行 · {snooze} 稍后 · {dismiss} 忽略',
};

export const SHORTCUT_MESSAGES = { en, 'zh-CN': zh };
