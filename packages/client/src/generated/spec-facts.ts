/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with `pnpm generate`; CI fails when this file drifts.
 */

export const OPERATION_PATH = "/v3/tasks/{task_id}/action" as const;

export const READ_PATH = "/v3/tasks/{task_id}" as const;

export const LIST_PATH = "/v3/tasks" as const;

export const LIST_QUERY_RULES = {
  "state": {
    "type": "string",
    "enum": [
      "READY",
      "RUNNING",
      "SYNCING",
      "MIGRATE_SUCCESS",
      "MIGRATE_FAIL",
      "ABORTING",
      "ABORT",
      "DELETING",
      "SYNC_F_ROLLBACKING",
      "SYNC_F_ROLLBACK_SUCCESS"
    ]
  },
  "name": {
    "type": "string",
    "minLength": 0,
    "maxLength": 255
  },
  "id": {
    "type": "string",
    "minLength": 1,
    "maxLength": 36
  },
  "source_server_id": {
    "type": "string",
    "minLength": 1,
    "maxLength": 36
  },
  "limit": {
    "type": "integer",
    "minimum": 0,
    "maximum": 200,
    "default": 100
  },
  "offset": {
    "type": "integer",
    "minimum": 0,
    "maximum": 65535,
    "default": 0
  },
  "enterprise_project_id": {
    "type": "string"
  }
} as const;

export const TASK_STATES = [
  "READY",
  "RUNNING",
  "SYNCING",
  "MIGRATE_SUCCESS",
  "SYNC_SUCCESS",
  "MIGRATE_FAIL",
  "SYNC_FAIL",
  "ABORTING",
  "ABORT",
  "SKIPPING",
  "DELETING",
  "RESETING",
  "SYNC_F_ROLLBACKING",
  "SYNC_F_ROLLBACK_SUCCESS"
] as const;

export const REGIONS = {
  "cn-north-4": "https://sms.cn-north-4.myhuaweicloud.com",
  "ap-southeast-3": "https://sms.ap-southeast-3.myhuaweicloud.com",
  "my-kualalumpur-1": "https://sms.my-kualalumpur-1.myhuaweicloud.com",
  "ru-moscow-1": "https://sms-api.ru-moscow-1.myhuaweicloud.com",
  "ap-southeast-1": "https://sms.ap-southeast-1.myhuaweicloud.com",
  "eu-west-101": "https://sms.eu-west-101.myhuaweicloud.eu"
} as const;

export const TASK_ID_RULE = {
  "type": "string",
  "minLength": 1,
  "maxLength": 36
} as const;

export const AUTH_TOKEN_RULE = {
  "type": "string",
  "minLength": 1,
  "maxLength": 16384
} as const;

export const OPERATIONS = [
  "start",
  "stop",
  "test",
  "clone_test",
  "restart",
  "network_check",
  "clear",
  "skip",
  "migration_test"
] as const;

export const REQUEST_VARIANTS = [
  {
    "required": [],
    "properties": {
      "template_id": {
        "type": "string",
        "minLength": 0,
        "maxLength": 255
      },
      "switch_hce": {
        "type": "boolean"
      },
      "is_need_consistency_check": {
        "type": "boolean"
      }
    }
  },
  {
    "required": [
      "template_id"
    ],
    "properties": {
      "template_id": {
        "type": "string",
        "minLength": 0,
        "maxLength": 255
      },
      "switch_hce": {
        "type": "boolean"
      },
      "is_need_consistency_check": {
        "type": "boolean"
      }
    }
  }
] as const;

export const OPERATION_VARIANT = {
  "start": 0,
  "stop": 0,
  "test": 0,
  "clone_test": 1,
  "restart": 0,
  "network_check": 0,
  "clear": 0,
  "skip": 0,
  "migration_test": 0
} as const;
