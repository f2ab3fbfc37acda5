// The MCP server of one connection: the tools, over the process's one App. The write tools are
// not even listed unless the server started with --allow-write.
import { McpServer } from '@modelcontextprotocol/server';
import type { App } from './app.js';
import { registerCancelWave } from './tools/cancel-wave.js';
import { registerGetTasks } from './tools/get-tasks.js';
import { registerPlanWave } from './tools/plan-wave.js';
import { registerRunWave } from './tools/run-wave.js';
import { registerWaveStatus } from './tools/wave-status.js';

export const NAME = 'sms-task-mcp';

export function mcpServer(app: App, version: string): McpServer {
  const server = new McpServer(
    { name: NAME, version },
    {
      capabilities: { tools: {} },
      instructions:
        'Huawei Cloud SMS migration tasks. Read with sms_get_tasks; to act on tasks, sms_plan_wave first, then ' +
        'sms_run_wave with its plan_id, operation and task_count; follow with sms_wave_status.',
    },
  );
  registerGetTasks(server, app);
  registerPlanWave(server, app);
  registerWaveStatus(server, app);
  if (app.settings.writes.size) {
    registerRunWave(server, app);
    registerCancelWave(server, app);
  }
  return server;
}
