import type { Phase } from '../plan-types.ts';
import { createdRuleset, rulesApi } from '../plan-common.ts';

// firestore.rules, through the Firebase Rules API.

export const securityRulesPhases: Phase[] = [
  {
    name: 'Firestore security rules (firestore.rules)',
    reads: ({ config }) => [{ key: 'rulesRelease', kind: 'rules', url: `${rulesApi}/projects/${config.project}/releases/cloud.firestore` }],
    plan: () => [],
  },
  {
    name: 'Firestore security rules (firestore.rules)',
    reads: (_input, observed) => {
      const ruleset = (observed.rulesRelease as { rulesetName?: string } | undefined)?.rulesetName;
      return ruleset ? [{ key: 'ruleset', kind: 'rules', url: `${rulesApi}/${ruleset}` }] : [];
    },
    plan: ({ config, rulesSource }, observed) => {
      const deployed = (observed.ruleset as { source?: { files?: Array<{ content?: string }> } } | undefined)?.source?.files
        ?.map((f) => f.content ?? '')
        .join('');
      if (observed.rulesRelease !== undefined && deployed === rulesSource) return [];
      const release = `projects/${config.project}/releases/cloud.firestore`;
      return [
        {
          kind: 'rules',
          method: 'POST',
          url: `${rulesApi}/projects/${config.project}/rulesets`,
          body: { source: { files: [{ name: 'firestore.rules', content: rulesSource }] } },
          why: 'upload firestore.rules as a new ruleset',
        },
        observed.rulesRelease === undefined
          ? {
              kind: 'rules',
              method: 'POST',
              url: `${rulesApi}/projects/${config.project}/releases`,
              body: { name: release, rulesetName: createdRuleset },
              why: 'put it in force for Firestore',
            }
          : {
              kind: 'rules',
              method: 'PATCH',
              url: `${rulesApi}/${release}`,
              body: { release: { name: release, rulesetName: createdRuleset } },
              why: 'put it in force for Firestore',
            },
      ];
    },
  },
];
