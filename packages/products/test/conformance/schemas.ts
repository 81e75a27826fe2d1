/**
 * Every response Schema of the three products (and the Conversation templates), by the name the fixtures use. A Schema added to a
 * product without an entry here is not covered by the forward-compatibility property: add it.
 */
import type { Schema } from "effect"
import {
  ConversationSchema as Conversation,
  ConversationTemplatesSchema as Templates,
  ElasticSipTrunkingSchema as Est,
  NumbersSchema as Numbers,
  VerificationSchema as Verification,
  VoiceSchema as Voice
} from "../../src/index.js"

export const responseSchemas: Record<string, Schema.Schema<any, any>> = {
  "Numbers.AvailableNumber": Numbers.AvailableNumber,
  "Numbers.AvailableNumbersResponse": Numbers.AvailableNumbersResponse,
  "Numbers.ActiveNumber": Numbers.ActiveNumber,
  "Numbers.ActiveNumbersPage": Numbers.ActiveNumbersPage,
  "Numbers.AvailableRegion": Numbers.AvailableRegion,
  "Numbers.AvailableRegionsResponse": Numbers.AvailableRegionsResponse,
  "Numbers.CallbackConfiguration": Numbers.CallbackConfiguration,
  "Numbers.CallbackEvent": Numbers.CallbackEvent,
  "Numbers.EmergencyAddressResponse": Numbers.EmergencyAddressResponse,
  "Numbers.ValidateEmergencyAddressResponse": Numbers.ValidateEmergencyAddressResponse,
  "Est.SipTrunk": Est.SipTrunk,
  "Est.SipTrunksPage": Est.SipTrunksPage,
  "Est.TrunksPage": Est.TrunksPage,
  "Est.SipEndpoint": Est.SipEndpoint,
  "Est.SipEndpointsPage": Est.SipEndpointsPage,
  "Est.IpRange": Est.IpRange,
  "Est.IpRangesPage": Est.IpRangesPage,
  "Est.AccessControlList": Est.AccessControlList,
  "Est.AccessControlListsPage": Est.AccessControlListsPage,
  "Est.AccessControlListIds": Est.AccessControlListIds,
  "Est.AccessControlListIdsPage": Est.AccessControlListIdsPage,
  "Est.Credential": Est.Credential,
  "Est.CredentialList": Est.CredentialList,
  "Est.CredentialListsPage": Est.CredentialListsPage,
  "Est.CredentialListIds": Est.CredentialListIds,
  "Est.TrunkCredentialListsPage": Est.TrunkCredentialListsPage,
  "Est.CountryPermission": Est.CountryPermission,
  "Est.CountryPermissionsResponse": Est.CountryPermissionsResponse,
  "Est.PhoneNumber": Est.PhoneNumber,
  "Est.PhoneNumbersPage": Est.PhoneNumbersPage,
  "Est.Call": Est.Call,
  "Est.CallsPage": Est.CallsPage,
  "Est.CallBlockingRule": Est.CallBlockingRule,
  "Est.CallBlockingRules": Est.CallBlockingRules,
  "Est.AddProjectsResponse": Est.AddProjectsResponse,
  "Conversation.SendMessageResponse": Conversation.SendMessageResponse,
  "Conversation.ConversationMessage": Conversation.ConversationMessage,
  "Conversation.MessagesPage": Conversation.MessagesPage,
  "Conversation.App": Conversation.App,
  "Conversation.AppsResponse": Conversation.AppsResponse,
  "Conversation.Contact": Conversation.Contact,
  "Conversation.ContactsPage": Conversation.ContactsPage,
  "Conversation.ChannelProfile": Conversation.ChannelProfile,
  "Conversation.Conversation": Conversation.Conversation,
  "Conversation.ConversationsPage": Conversation.ConversationsPage,
  "Conversation.WebhookEvent": Conversation.WebhookEvent,
  "Conversation.IdentityConflict": Conversation.IdentityConflict,
  "Conversation.IdentityConflictsPage": Conversation.IdentityConflictsPage,
  "Conversation.ConversationRecentMessage": Conversation.ConversationRecentMessage,
  "Conversation.RecentConversationsPage": Conversation.RecentConversationsPage,
  "Conversation.SendEventResponse": Conversation.SendEventResponse,
  "Conversation.ConversationEvent": Conversation.ConversationEvent,
  "Conversation.EventsPage": Conversation.EventsPage,
  "Conversation.InjectEventResponse": Conversation.InjectEventResponse,
  "Conversation.TranscodeMessageResponse": Conversation.TranscodeMessageResponse,
  "Conversation.QueryCapabilityResponse": Conversation.QueryCapabilityResponse,
  "Conversation.Webhook": Conversation.Webhook,
  "Conversation.WebhooksResponse": Conversation.WebhooksResponse,
  "Conversation.ConsentIdentitiesPage": Conversation.ConsentIdentitiesPage,
  "Conversation.AuditRecordsList": Conversation.AuditRecordsList,
  "Conversation.ProjectSettings": Conversation.ProjectSettings,
  "Templates.TemplateV1": Templates.TemplateV1,
  "Templates.TemplatesV1Response": Templates.TemplatesV1Response,
  "Templates.TemplateV2": Templates.TemplateV2,
  "Templates.TemplatesV2Response": Templates.TemplatesV2Response,
  "Templates.TranslationsResponse": Templates.TranslationsResponse,
  "Verification.Started": Verification.Started,
  "Verification.Verification": Verification.Verification,
  "Verification.RequestEvent": Verification.RequestEvent,
  "Verification.ResultEvent": Verification.ResultEvent,
  "Verification.SmsDeliveredEvent": Verification.SmsDeliveredEvent,
  "Voice.Callout": Voice.Callout,
  "Voice.CallInformation": Voice.CallInformation,
  "Voice.Conference": Voice.Conference,
  "Voice.ConferenceParticipant": Voice.ConferenceParticipant,
  "Voice.Numbers": Voice.Numbers,
  "Voice.NumberAssignment": Voice.NumberAssignment,
  "Voice.CallbackUrls": Voice.CallbackUrls,
  "Voice.NumberInformation": Voice.NumberInformation,
  "Voice.IceEvent": Voice.IceEvent,
  "Voice.AceEvent": Voice.AceEvent,
  "Voice.DiceEvent": Voice.DiceEvent,
  "Voice.PieEvent": Voice.PieEvent,
  "Voice.NotifyEvent": Voice.NotifyEvent
}

/** How many items a list answer holds, under whichever key the Schema reads. */
export const itemCount = (name: string, decoded: any): number | undefined => {
  switch (name) {
    case "Est.SipTrunksPage":
      return Est.sipTrunksOf(decoded).length
    case "Est.TrunkCredentialListsPage":
      return Est.trunkCredentialListsOf(decoded).length
    case "Est.CallBlockingRules":
      return Est.callBlockingRulesOf(decoded).length
    default:
      return undefined
  }
}
