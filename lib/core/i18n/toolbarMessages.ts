import { defineCatalog } from './translate';

// What the worker itself writes outside the pages: the toolbar button's tooltip and the urgent-cue
// notification. Kept apart from the pages' catalog so the worker carries only these few strings.

export const toolbarMessages = defineCatalog(
  {
    'toolbar.idle': 'Livecue: no cue waiting. Click to open the side panel.',
    'toolbar.waiting': 'Livecue: {count} waiting, most pressing: {severity}. Click to open the side panel.',
    'toolbar.severity.urgent': 'urgent',
    'toolbar.severity.act': 'act',
    'toolbar.severity.info': 'note',
    'notify.done': 'Done',
    'notify.snooze': 'Later',
  },
  {
    'toolbar.idle': 'Livecue:暂无待处理提示。点击打开侧边栏。',
    'toolbar.waiting': 'Livecue:{count} 条待处理,最要紧:{severity}。点击打开侧边栏。',
    'toolbar.severity.urgent': '紧急',
    'toolbar.severity.act': '行动',
    'toolbar.severity.info': '提示',
    'notify.done': '已执行',
    'notify.snooze': '稍后',
  },
);
