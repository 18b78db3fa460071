/**
 * Contract of custom roles: a workspace's own roles, each a built-in base
 * (member, guest or admin) plus grants, optionally limited to some rooms or
 * digital humans (format: src-main/common/governance/governanceRecords.ts),
 * and giving one to a member. Owners and admins only; the relay holds the
 * same rule for the `governance` doc they live in.
 */
import { z } from 'zod';
import { BUILTIN_ROLES, permissionSchema } from '../governance/permissions';
import { workspaceIdSchema } from '../ids';
import { hasControlChars } from './hasControlChars';

/** A custom role's id: a short slug that is not a built-in role's name. */
export const roleIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, 'A role id is 2 to 32 lowercase letters, digits or dashes, starting with a letter')
  .refine((id) => !(BUILTIN_ROLES as readonly string[]).includes(id), 'owner, admin, member and guest are the built-in roles: pick another id');

const grantSchema = z
  .object({
    permission: permissionSchema,
    /** Room or digital human ids the grant is limited to; null for all. */
    resources: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A resource is a room or digital human id')).min(1).max(200).nullable(),
  })
  .strict();

export const customRoleSchema = z.object({
  id: z.string(),
  name: z.string(),
  base: z.enum(['admin', 'member', 'guest']),
  grants: z.array(z.object({ permission: z.string(), resources: z.array(z.string()).readonly().nullable() })),
  createdAt: z.number(),
  createdBy: z.string(),
});

/** What Settings → Members shows of roles: the permissions a role may grant, what each built-in role grants, the custom roles, and whether the caller may change them. */
export const roleCatalogSchema = z.object({
  permissions: z.array(z.string()),
  builtin: z.array(z.object({ role: z.enum(BUILTIN_ROLES), grants: customRoleSchema.shape.grants })),
  roles: z.array(customRoleSchema),
  canManage: z.boolean(),
});

export const roleChannels = {
  'roles.catalog': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: roleCatalogSchema },
  'roles.list': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: z.array(customRoleSchema) },
  'roles.define': {
    input: z
      .object({
        workspaceId: workspaceIdSchema,
        id: roleIdSchema,
        name: z
          .string()
          .trim()
          .min(1, 'Give the role a name')
          .max(60, 'A role name is at most 60 characters')
          .refine((s) => !hasControlChars(s), 'A role name is one line'),
        base: z.enum(['admin', 'member', 'guest']),
        grants: z.array(grantSchema).max(100, 'A role holds at most 100 grants'),
      })
      .strict(),
    output: customRoleSchema,
  },
  /** Gives `userId` the custom role `role`, or takes it back (null): they keep their built-in role and a guest's end date. */
  'roles.assign': {
    input: z.object({ workspaceId: workspaceIdSchema, userId: z.string().min(1).max(200), role: roleIdSchema.nullable() }).strict(),
    output: z.object({ userId: z.string(), role: z.string().nullable() }),
  },
} as const;

export type CustomRole = z.infer<typeof customRoleSchema>;
export type RoleCatalog = z.infer<typeof roleCatalogSchema>;
