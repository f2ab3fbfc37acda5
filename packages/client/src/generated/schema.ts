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
         * @description Reads a migration task, with its `state`. A task action is not idempotent: when a call's
         *     answer was lost (a timeout, a reset connection, a `5xx`, a process killed), read the task's
         *     state before you repeat the operation. `sms-task --resume` does so for the calls its report
         *     holds as sent with no answer, and does not send them again when the task is already where the
         *     operation leaves it (the action's `x-sms-states-after`).
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
         * Task
         * @description A migration task as `GET /v3/tasks/{task_id}` returns it. The fields are those of the official
         *     SDKs' `ShowTaskResponse`; the service may add others. `state` is the one this project reads:
         *     `sms-task --resume` reads it to learn whether a call that got no answer acted.
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
            /** @enum {string} */
            os_type?: "WINDOWS" | "LINUX";
            /**
             * @description The task's state: READY, RUNNING, SYNCING, MIGRATE_SUCCESS, SYNC_SUCCESS, MIGRATE_FAIL,
             *     SYNC_FAIL, ABORTING, ABORT, SKIPPING, DELETING or RESETING (list filters also know
             *     SYNC_F_ROLLBACKING and SYNC_F_ROLLBACK_SUCCESS). It decides which operations
             *     `POST /v3/tasks/{task_id}/action` accepts.
             */
            state: string;
            /**
             * @description Process priority: 0 low, 1 standard (the default), 2 high.
             * @enum {integer}
             */
            priority?: 0 | 1 | 2;
            /** @description The target server's region. */
            region_id?: string;
            region_name?: string;
            /** @description The target server's project ID. */
            project_id?: string;
            project_name?: string;
            enterprise_project_id?: string;
            /** @description Whether the target server is started when the migration ends. */
            start_target_server?: boolean;
            /** @description The target server's IP address (an EIP over the internet, a private IP over a private line). */
            migration_ip?: string;
            vm_template_id?: string;
            /** @description Whether the source server's agent is connected. */
            connected?: boolean;
            estimate_complete_time?: number;
            create_date?: number;
            start_date?: number;
            finish_date?: number;
            total_time?: number;
            remain_seconds?: number;
            /** @description Migration speed, in MB/s. */
            migrate_speed?: number;
            compress_rate?: number;
            error_json?: string;
            target_snapshot_id?: string;
            /** @description The source server (see the SMS API reference). */
            source_server?: Record<string, never>;
            /** @description The target server (see the SMS API reference). */
            target_server?: Record<string, never>;
            clone_server?: Record<string, never>;
            sub_tasks?: Record<string, never>[];
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
}
