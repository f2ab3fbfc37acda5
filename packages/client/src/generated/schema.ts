/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with `pnpm generate`; CI fails when this file drifts.
 */
export interface paths {
    "/v3/tasks/{task_id}/action": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Manage a migration task
         * @description Manages a migration task: starts, suspends and resumes it, tests or clones the target
         *     server, checks the network, restarts a failed task, clears its snapshot resources,
         *     skips the consistency verification subtask or starts the migration drill.
         *
         *     The body names one `operation`. `clone_test` also needs a `template_id`; every other
         *     operation takes `template_id`, `switch_hce` and `is_need_consistency_check` as options.
         */
        post: operations["updateTaskStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/tasks/{task_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query a migration task
         * @description Reads a migration task: its `state`, its sub-tasks and their progress, its speed, time left and
         *     error (the official SDKs' `ShowTask`). A task action is not idempotent: when a call's answer
         *     was lost (a timeout, a reset connection, a `5xx`, a process killed), read the task before you
         *     repeat the operation. Huawei does not document which state each operation leaves a task in;
         *     what a read can show is what changed after the call was sent (the state, and the task's and its
         *     sub-tasks' start and end times). To read many tasks, page through `GET /v3/tasks` instead.
         */
        get: operations["showTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List migration tasks
         * @description Lists the account's migration tasks, a page at a time, filtered by `state`, `name`, `id`,
         *     `source_server_id` or `enterprise_project_id` (Huawei's ListTasks page, updated 2026-01-27).
         *     `count` is the number of tasks that match, whatever the page, so a wave of 2,000 tasks is read
         *     in 10 pages of 200 rather than 2,000 task reads. The IAM action it needs is
         *     `sms:server:listTask`.
         */
        get: operations["listTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description The template ID. Required when `operation` is `clone_test`.
         * @example xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxx0001
         */
        TemplateId: string;
        /**
         * @description Whether to switch to HCE. Only Linux migration tasks are supported.
         * @default false
         */
        SwitchHce: boolean;
        /**
         * @description Indicates whether consistency verification is enabled.
         * @default false
         */
        IsNeedConsistencyCheck: boolean;
        /**
         * TaskOperationRequest
         * @description Any operation except `clone_test`; `template_id` is optional.
         */
        TaskOperationRequest: {
            /**
             * @description Operation on the task:
             *     - `start`: start the task, or resume a paused or failed one.
             *     - `stop`: pause the task.
             *     - `test`: launch the target server for testing.
             *     - `restart`: restart a task whose creation or migration failed.
             *     - `network_check`: check the network between the source and the target.
             *     - `clear`: clear snapshot resources.
             *     - `skip`: skip the consistency verification subtask.
             *     - `migration_test`: start the migration drill.
             *
             *     `clone_test` is described by `CloneTestActionRequest`. The reference's text also
             *     names `cutover` (start the target server) and `error_for_overspeed` (the task was
             *     suspended for overspeed), but they are not accepted values: see
             *     docs/decisions/0001-operation-enum-and-clone-test.md.
             *      (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            operation: "start" | "stop" | "test" | "restart" | "network_check" | "clear" | "skip" | "migration_test";
            template_id?: components["schemas"]["TemplateId"];
            switch_hce?: components["schemas"]["SwitchHce"];
            is_need_consistency_check?: components["schemas"]["IsNeedConsistencyCheck"];
        };
        /**
         * CloneTestActionRequest
         * @description Clone the target server from a template and test the clone; `template_id` is required.
         */
        CloneTestActionRequest: {
            /**
             * @description `clone_test`: clone the target server and test the clone. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            operation: "clone_test";
            template_id: components["schemas"]["TemplateId"];
            switch_hce?: components["schemas"]["SwitchHce"];
            is_need_consistency_check?: components["schemas"]["IsNeedConsistencyCheck"];
        };
        /**
         * TaskActionRequest
         * @description The operation to perform on the task, with its options.
         *
         *     Choose the `operation` first: `clone_test` requires `template_id`
         *     (`CloneTestActionRequest`); every other operation takes the options without a required
         *     template (`TaskOperationRequest`).
         */
        TaskActionRequest: components["schemas"]["TaskOperationRequest"] | components["schemas"]["CloneTestActionRequest"];
        /**
         * TaskActionResponse
         * @description The management operation for the migration task succeeded. The reference types this body
         *     as a string ("-") but shows `{ }`, and the official SDKs read an empty JSON object.
         */
        TaskActionResponse: Record<string, never>;
        /**
         * ErrorDetail
         * @description One error detail.
         */
        ErrorDetail: {
            /** @description The SMS error code. */
            error_code?: string;
            /** @description The SMS error message. */
            error_msg?: string;
        };
        /**
         * ErrorResponse
         * @description The error body of every non-2xx response. API gateway errors (codes starting `APIGW`)
         *     also carry a `request_id`.
         */
        ErrorResponse: {
            /**
             * @description The error code.
             * @example SMS.9004
             */
            error_code?: string;
            /** @description The error message. */
            error_msg?: string;
            /** @description The encrypted authorization information. */
            encoded_authorization_message?: string;
            /** @description Error parameters. */
            error_param?: string[];
            /** @description The error details. */
            details?: components["schemas"]["ErrorDetail"][];
            /** @description The gateway's request ID (API gateway errors only). */
            request_id?: string;
        };
        /**
         * TaskState
         * @description A migration task's state. The values and meanings are those of Huawei's ShowTask and ListTasks
         *     pages:
         *
         *     | value | meaning |
         *     |---|---|
         *     | `READY` | ready to run |
         *     | `RUNNING` | being executed |
         *     | `SYNCING` | incremental data being synchronised (continuous synchronisation) |
         *     | `MIGRATE_SUCCESS` | migration succeeded |
         *     | `SYNC_SUCCESS` | synchronisation succeeded |
         *     | `MIGRATE_FAIL` | migration failed |
         *     | `SYNC_FAIL` | synchronisation failed |
         *     | `ABORTING` | being stopped |
         *     | `ABORT` | stopped |
         *     | `SKIPPING` | being skipped |
         *     | `DELETING` | the task is being deleted |
         *     | `RESETING` | rolling back (Huawei's spelling) |
         *     | `SYNC_F_ROLLBACKING` | synchronisation failed, rolling back (a ListTasks filter value) |
         *     | `SYNC_F_ROLLBACK_SUCCESS` | synchronisation failed, rolled back (a ListTasks filter value) |
         *
         *     The list is open, as the official SDKs keep it (Java's enum keeps an unknown value): a value not
         *     listed here is still a state, and code should treat it as "not one it knows", never as an error.
         */
        TaskState: ("READY" | "RUNNING" | "SYNCING" | "MIGRATE_SUCCESS" | "SYNC_SUCCESS" | "MIGRATE_FAIL" | "SYNC_FAIL" | "ABORTING" | "ABORT" | "SKIPPING" | "DELETING" | "RESETING" | "SYNC_F_ROLLBACKING" | "SYNC_F_ROLLBACK_SUCCESS") | string;
        /**
         * CloneServer
         * @description The server a `clone_test` cloned (the official SDKs' `CloneServer`). No field is marked required by Huawei.
         */
        CloneServer: {
            /** @description The clone's server ID. */
            vm_id?: string;
            /** @description The clone's name. */
            name?: string;
            /** @description The error of a clone that failed. */
            clone_error?: string;
            /**
             * @description Where the cloning stands.
             * @enum {string}
             */
            clone_state?: "NOT_READY" | "READY" | "PREPARING" | "CREATING" | "ERROR" | "FINISHED";
            /** @description The error message of a clone that failed. */
            error_msg?: string;
        };
        /**
         * SubTask
         * @description One step of a migration task (the official SDKs' `SubTask`). No field is marked required by Huawei.
         */
        SubTask: {
            /** @description The sub-task's ID. */
            id?: number;
            /**
             * @description The sub-task's name. Names seen: CREATE_CLOUD_SERVER, SSL_CONFIG, ATTACH_AGENT_IMAGE,
             *     FORMAT_DISK_*, MIGRATE_*, CONFIGURE_*, DETTACH_AGENT_IMAGE.
             */
            name?: string;
            /** @description The sub-task's progress, a whole number from 0 to 100. */
            progress?: number;
            /** @description When the sub-task started (ms since the Unix epoch). */
            start_date?: number;
            /** @description When the sub-task ended (ms since the Unix epoch); absent until it has ended. */
            end_date?: number;
            /** @description The migration speed, in Mbit/s. */
            migrate_speed?: number;
            /** @description The user operation that started the sub-task. */
            user_op?: string;
            /** @description The details of the migration or synchronisation while it runs. */
            process_trace?: string;
        };
        /**
         * NetworkCheckInfo
         * @description The result of the task's last `network_check` (the official SDKs' `NetworkCheckInfoRequestBody`).
         *     No field is marked required by Huawei.
         */
        NetworkCheckInfo: {
            /** @description Whether the domain names resolve and connect. */
            domain_connectivity?: boolean;
            /** @description Whether the target server can be reached. */
            destination_connectivity?: boolean;
            /** @description The network delay. */
            network_delay?: number;
            /** @description The network jitter. */
            network_jitter?: number;
            /** @description The bandwidth. */
            migration_speed?: number;
            /** @description The packet loss. */
            loss_percentage?: number;
            /** @description The CPU usage. */
            cpu_usage?: number;
            /** @description The memory usage. */
            mem_usage?: number;
            /** @description The evaluation of the results. */
            evaluation_result?: string;
        };
        /**
         * Task
         * @description A migration task as `GET /v3/tasks/{task_id}` returns it: the fields of the official SDKs'
         *     `ShowTaskResponse` (huaweicloud-sdk-python-v3 `show_task_response.py`; the Go and Node SDKs carry
         *     the same); the service may add others.
         *
         *     Huawei marks no field of the response required. This description requires `id` and `state`, the
         *     project's own choice: every tool here reads them, and a read without them cannot tell a caller
         *     anything, so the contract suite flags it.
         *
         *     Times (`create_date`, `start_date`, `finish_date`, `estimate_complete_time` and the sub-tasks'
         *     dates) are Unix timestamps; the SDKs type them as integers and do not state the unit. The
         *     project's tools read a value below 10^11 as seconds and any other as milliseconds.
         */
        Task: {
            /** @description The migration task ID. */
            id: string;
            /** @description The task's name, as its owner gave it. */
            name?: string;
            /**
             * @description File-level or block-level migration.
             * @enum {string}
             */
            type?: "MIGRATE_FILE" | "MIGRATE_BLOCK";
            /**
             * @description The source server's operating system.
             * @enum {string}
             */
            os_type?: "WINDOWS" | "LINUX";
            state: components["schemas"]["TaskState"];
            /**
             * @description Process priority: 0 low, 1 standard (the default), 2 high.
             * @enum {integer}
             */
            priority?: 0 | 1 | 2;
            /** @description The migration speed limit. */
            speed_limit?: number;
            /** @description The target server's region. */
            region_id?: string;
            /** @description The target server's region name. */
            region_name?: string;
            /** @description The target server's project ID. */
            project_id?: string;
            /** @description The target server's project name. */
            project_name?: string;
            /** @description The enterprise project ID. */
            enterprise_project_id?: string;
            /** @description Whether the target server is started when the migration ends. */
            start_target_server?: boolean;
            /** @description The target server's IP address (an EIP over the internet, a private IP over a private line). */
            migration_ip?: string;
            /** @description The template ID. */
            vm_template_id?: string;
            /** @description The source server (the SDKs' `SourceServerResponse`; see the SMS API reference). */
            source_server?: Record<string, never>;
            /** @description The target server (the SDKs' `TaskTargetServer`; see the SMS API reference). */
            target_server?: Record<string, never>;
            /** @description When the migration is expected to end (a Unix timestamp). */
            estimate_complete_time?: number;
            /** @description Whether the source server's agent is connected. */
            connected?: boolean;
            /** @description When the task was created (a Unix timestamp). */
            create_date?: number;
            /** @description When the task started (a Unix timestamp). */
            start_date?: number;
            /** @description When the task ended (a Unix timestamp). */
            finish_date?: number;
            /** @description The migration speed, in Mbit/s (the SDKs' release of 2025-11-27; MB/s before it). */
            migrate_speed?: number;
            /** @description The compression rate. */
            compress_rate?: number;
            /** @description The error of a task that failed, as Huawei's console shows it (a JSON string). */
            error_json?: string;
            /** @description The task's total time. */
            total_time?: number;
            /** @description Kept for agents of old SMS versions. */
            float_ip?: string;
            /** @description The migration's time left, in seconds. */
            remain_seconds?: number;
            /** @description The target's snapshot ID. */
            target_snapshot_id?: string;
            clone_server?: components["schemas"]["CloneServer"];
            /** @description The task's sub-tasks, the steps of its migration. */
            sub_tasks?: components["schemas"]["SubTask"][];
            network_check_info?: components["schemas"]["NetworkCheckInfo"];
            /** @description The source host's CPU usage, in percent. */
            total_cpu_usage?: number;
            /** @description The agent's CPU usage, in percent. */
            agent_cpu_usage?: number;
            /** @description The source host's memory use, in MB. */
            total_mem_usage?: number;
            /** @description The agent's memory use, in MB. */
            agent_mem_usage?: number;
            /** @description The source host's disk I/O, in MB/s. */
            total_disk_io?: number;
            /** @description The agent's disk I/O, in MB/s. */
            agent_disk_io?: number;
            /** @description Whether a migration drill is needed (in the SDKs since 2025-06). */
            need_migration_test?: boolean;
            /** @description The current sub-task and its progress (in the SDKs since 2025-08). */
            subtask_info?: string;
        };
        /** @description The migration task ID. */
        id: string;
        /** @description The task's name, as its owner gave it. */
        name: string;
        /**
         * @description File-level or block-level migration.
         * @enum {string}
         */
        type: "MIGRATE_FILE" | "MIGRATE_BLOCK";
        /**
         * @description The source server's operating system.
         * @enum {string}
         */
        os_type: "WINDOWS" | "LINUX";
        /** @description When the migration is expected to end (a Unix timestamp). */
        estimate_complete_time: number;
        /** @description When the task was created (a Unix timestamp). */
        create_date: number;
        /**
         * @description Process priority: 0 low, 1 standard (the default), 2 high.
         * @enum {integer}
         */
        priority: 0 | 1 | 2;
        /** @description The migration speed limit. */
        speed_limit: number;
        /** @description The migration speed, in Mbit/s (the SDKs' release of 2025-11-27; MB/s before it). */
        migrate_speed: number;
        /** @description The compression rate. */
        compress_rate: number;
        /** @description Whether the target server is started when the migration ends. */
        start_target_server: boolean;
        /** @description The error of a task that failed, as Huawei's console shows it (a JSON string). */
        error_json: string;
        /** @description The task's total time. */
        total_time: number;
        /** @description The target server's IP address (an EIP over the internet, a private IP over a private line). */
        migration_ip: string;
        /** @description The task's sub-tasks, the steps of its migration. */
        sub_tasks: components["schemas"]["SubTask"][];
        /** @description The source server (the SDKs' `SourceServerResponse`; see the SMS API reference). */
        source_server: Record<string, never>;
        /** @description The enterprise project ID. */
        enterprise_project_id: string;
        /** @description The target server (the SDKs' `TaskTargetServer`; see the SMS API reference). */
        target_server: Record<string, never>;
        /** @description The source host's CPU usage, in percent. */
        total_cpu_usage: number;
        /** @description The agent's CPU usage, in percent. */
        agent_cpu_usage: number;
        /** @description The source host's memory use, in MB. */
        total_mem_usage: number;
        /** @description The agent's memory use, in MB. */
        agent_mem_usage: number;
        /** @description The source host's disk I/O, in MB/s. */
        total_disk_io: number;
        /** @description The agent's disk I/O, in MB/s. */
        agent_disk_io: number;
        /** @description The current sub-task and its progress (in the SDKs since 2025-08). */
        subtask_info: string;
        /**
         * TaskListItem
         * @description A task as a page of `GET /v3/tasks` lists it (the SDKs' `TasksResponseBody`). It has fewer fields
         *     than the task read (no `connected`, `remain_seconds`, `start_date` or `finish_date`) and one of its
         *     own, `syncing`. Huawei marks no field required; this description requires `id` and `state`, as in
         *     `Task`, for the same reason.
         */
        TaskListItem: {
            id: components["schemas"]["id"];
            name?: components["schemas"]["name"];
            type?: components["schemas"]["type"];
            os_type?: components["schemas"]["os_type"];
            state: components["schemas"]["TaskState"];
            estimate_complete_time?: components["schemas"]["estimate_complete_time"];
            create_date?: components["schemas"]["create_date"];
            priority?: components["schemas"]["priority"];
            speed_limit?: components["schemas"]["speed_limit"];
            migrate_speed?: components["schemas"]["migrate_speed"];
            compress_rate?: components["schemas"]["compress_rate"];
            start_target_server?: components["schemas"]["start_target_server"];
            error_json?: components["schemas"]["error_json"];
            total_time?: components["schemas"]["total_time"];
            migration_ip?: components["schemas"]["migration_ip"];
            sub_tasks?: components["schemas"]["sub_tasks"];
            source_server?: components["schemas"]["source_server"];
            enterprise_project_id?: components["schemas"]["enterprise_project_id"];
            target_server?: components["schemas"]["target_server"];
            /**
             * @description Where the collection of the task's logs stands: INIT, TELL_AGENT_TO_COLLECT,
             *     WAIT_AGENT_COLLECT_ACK, AGENT_COLLECT_FAIL, AGENT_COLLECT_SUCCESS, WAIT_SERVER_COLLECT,
             *     SERVER_COLLECT_FAIL, SERVER_COLLECT_SUCCESS, TELL_AGENT_RESET_ACL or WAIT_AGENT_RESET_ACL_ACK.
             */
            log_collect_status?: string;
            clone_server?: components["schemas"]["CloneServer"];
            /** @description Whether continuous synchronisation is on. */
            syncing?: boolean;
            network_check_info?: components["schemas"]["NetworkCheckInfo"];
            /** @description The task's special configuration items. */
            special_config?: Record<string, never>[];
            total_cpu_usage?: components["schemas"]["total_cpu_usage"];
            agent_cpu_usage?: components["schemas"]["agent_cpu_usage"];
            total_mem_usage?: components["schemas"]["total_mem_usage"];
            agent_mem_usage?: components["schemas"]["agent_mem_usage"];
            total_disk_io?: components["schemas"]["total_disk_io"];
            agent_disk_io?: components["schemas"]["agent_disk_io"];
            subtask_info?: components["schemas"]["subtask_info"];
        };
        /**
         * TaskList
         * @description One page of `GET /v3/tasks` (the SDKs' `ListTasksResponse`). Huawei marks neither field required;
         *     this description requires both, the project's choice: a page without them cannot be walked.
         */
        TaskList: {
            /** @description How many tasks match the query, whatever the page (`limit`, `offset`). */
            count: number;
            /** @description The page's tasks. */
            tasks: components["schemas"]["TaskListItem"][];
        };
    };
    responses: {
        /** @description The request or the task's state does not allow the operation. */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Authentication failed, or the request is malformed (method, size or Content-Type). */
        Unauthorized: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Authentication failed. */
        Forbidden: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The task does not exist. */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The service failed; the operation may or may not have run. */
        InternalServerError: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Authentication failed. */
        AuthenticationFailed: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
    };
    parameters: {
        /**
         * @description The migration task ID.
         * @example 7a9a9540-ff28-4869-b9e4-855fbe12xxxx
         */
        TaskId: string;
        /**
         * @description User token. Mandatory with token authentication (the `tokenAuth` security scheme: a request
         *     with neither a token nor an AK/SK signature fails with `401`); not sent when the request is
         *     signed with AK/SK (`akskAuth`) instead.
         *
         *     The token can be obtained by calling the IAM API for obtaining a user token. The value
         *     of `X-Subject-Token` in the response header is the user token.
         * @example MIIZkQYJKoZIhvcNAQcCoIIZgjCCGX4CAQExDTALBglghkgBZQMEAgEw...
         */
        AuthToken: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Identifies this call in Huawei Cloud's logs; quote it when you contact support.
         * @example 4d8ca8a2c5b04b7ea5b5e8d7c0f7f3a1
         */
        XRequestId: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    updateTaskStatus: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description User token. Mandatory with token authentication (the `tokenAuth` security scheme: a request
                 *     with neither a token nor an AK/SK signature fails with `401`); not sent when the request is
                 *     signed with AK/SK (`akskAuth`) instead.
                 *
                 *     The token can be obtained by calling the IAM API for obtaining a user token. The value
                 *     of `X-Subject-Token` in the response header is the user token.
                 * @example MIIZkQYJKoZIhvcNAQcCoIIZgjCCGX4CAQExDTALBglghkgBZQMEAgEw...
                 */
                "X-Auth-Token"?: components["parameters"]["AuthToken"];
            };
            path: {
                /**
                 * @description The migration task ID.
                 * @example 7a9a9540-ff28-4869-b9e4-855fbe12xxxx
                 */
                task_id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        /** @description The operation to perform on the task. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskActionRequest"];
            };
        };
        responses: {
            /** @description The management operation for the migration task succeeded. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskActionResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    showTask: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description User token. Mandatory with token authentication (the `tokenAuth` security scheme: a request
                 *     with neither a token nor an AK/SK signature fails with `401`); not sent when the request is
                 *     signed with AK/SK (`akskAuth`) instead.
                 *
                 *     The token can be obtained by calling the IAM API for obtaining a user token. The value
                 *     of `X-Subject-Token` in the response header is the user token.
                 * @example MIIZkQYJKoZIhvcNAQcCoIIZgjCCGX4CAQExDTALBglghkgBZQMEAgEw...
                 */
                "X-Auth-Token"?: components["parameters"]["AuthToken"];
            };
            path: {
                /**
                 * @description The migration task ID.
                 * @example 7a9a9540-ff28-4869-b9e4-855fbe12xxxx
                 */
                task_id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description The task ID breaks the parameter's rules. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            401: components["responses"]["AuthenticationFailed"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listTasks: {
        parameters: {
            query?: {
                /** @description Only tasks in this state. */
                state?: "READY" | "RUNNING" | "SYNCING" | "MIGRATE_SUCCESS" | "MIGRATE_FAIL" | "ABORTING" | "ABORT" | "DELETING" | "SYNC_F_ROLLBACKING" | "SYNC_F_ROLLBACK_SUCCESS";
                /** @description Only tasks of this name. */
                name?: string;
                /** @description Only the task of this ID. */
                id?: string;
                /** @description Only the task of this source server. */
                source_server_id?: string;
                /** @description The most tasks a page holds. */
                limit?: number;
                /** @description How many matching tasks come before the page. */
                offset?: number;
                /** @description Only tasks of this enterprise project. */
                enterprise_project_id?: string;
            };
            header?: {
                /**
                 * @description User token. Mandatory with token authentication (the `tokenAuth` security scheme: a request
                 *     with neither a token nor an AK/SK signature fails with `401`); not sent when the request is
                 *     signed with AK/SK (`akskAuth`) instead.
                 *
                 *     The token can be obtained by calling the IAM API for obtaining a user token. The value
                 *     of `X-Subject-Token` in the response header is the user token.
                 * @example MIIZkQYJKoZIhvcNAQcCoIIZgjCCGX4CAQExDTALBglghkgBZQMEAgEw...
                 */
                "X-Auth-Token"?: components["parameters"]["AuthToken"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the tasks that match. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskList"];
                };
            };
            /** @description A query parameter breaks its rules. */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            401: components["responses"]["AuthenticationFailed"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalServerError"];
        };
    };
}
