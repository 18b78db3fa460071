/**
 * OS notifications for task reminders (`task.reminder`, sent once per task
 * and reminder time by this device's core). A click brings the window up
 * and opens the task, switching workspace if needed.
 */
import { useEffect, useRef } from 'react';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n/I18nProvider';
import { requestTasks } from '../dh/dhPanelNavigation';

export function useTaskReminders(): void {
  const t = useT();
  const tRef = useRef(t);
  useEffect(() => {
    tRef.current = t;
  }, [t]);

  useEffect(() => {
    if (typeof Notification === 'undefined') return undefined;
    return api.on('task.reminder', (event) => {
      if (Notification.permission !== 'granted') return;
      const notification = new Notification(tRef.current('tasks.reminder.title'), { body: event.title, tag: `task-${event.taskId}` });
      notification.onclick = () => {
        window.focus();
        requestTasks(event.workspaceId, event.dhId, event.taskId);
        // The core makes it the active workspace; the app follows its settings.
        api.invoke('workspace.open', { id: event.workspaceId }).catch((err: unknown) => console.error('Opening the workspace failed', err));
        notification.close();
      };
    });
  }, []);
}
