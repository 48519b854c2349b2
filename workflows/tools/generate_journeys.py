#!/usr/bin/env python3
"""Lays out Beacon's journey library as BPMN with diagram interchange (DI).

The committed .bpmn files are the source of truth: marketing ops edit them in Camunda Modeler. This script only
bootstraps the library (or regenerates it after a change of the common skeleton): it OVERWRITES the files of the
journeys listed in JOURNEYS below, so run it only when the skeleton itself changes, and review the diff.

    python3 workflows/tools/generate_journeys.py            # writes workflows/<process-id>.bpmn
    python3 workflows/tools/generate_journeys.py --check    # exits 1 when a file differs from what it would write

The skeleton of every journey (element ids are stable across journeys, so tests and dashboards can rely on them):

    message start on the trigger -> Task_CheckSuitability -> Gateway_Suitable
      -> Gateway_Holdout (holdout = true: Task_RecordHeldOut, HELD_OUT, nothing sent; then the measurement-only
         Gateway_HeldOutWaitForConversion: Event_HeldOutProductPurchased (CONVERTED) | Timer_HeldOutAttributionWindow)
      -> [rmReview] Task_RequestRmReview -> Gateway_WaitForReview: Event_OfferReviewed | Timer_ReviewSla (reviewDueAt)
         -> approved and secondApproval: Task_RequestOfferCheck -> Gateway_WaitForCheck: Event_OfferChecked |
            Timer_CheckSla (the same reviewDueAt: one SLA for both, ADR 0028)
      -> Task_ChannelOrder (channelsLeft := channels or the journey's default order)
      -> Task_CheckContactPolicy (channel = channelsLeft[1]) -> Gateway_ContactAllowed
      -> Timer_WaitForAllowedSendTime -> Gateway_Channel -> Task_SendPush | Task_SendSms | Task_SendEmail -> Gateway_Sent
      -> not sent / not allowed: Task_NextChannel (drop the first channel) -> Gateway_MoreChannels -> back to the check
      -> sent: Gateway_WaitForConversion: Event_ProductPurchased (CONVERTED) | Timer_AttributionWindow (attributionWindow, P30D)
    SubProcess_OptOut: interrupting, message ConsentWithdrawn correlated by =customerId -> Task_RecordOptedOut
"""
import os
import sys
from xml.sax.saxutils import quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
WORKFLOWS = os.path.dirname(HERE)

# Template names as in rules/catalogue/offers.json and content/ (the senders render the template a step names, ADR 0027;
# campaign-offer-by-product-* stands for the offer's own message, content/steps.yml offers-own).
EASY_SAVER = {"sms": "easy-saver-intro-sms", "push": "easy-saver-intro-push", "email": "easy-saver-intro-email"}

JOURNEYS = [
    dict(id="first-salary", name="First salary: start a savings habit", stage="attract", trigger="SalaryCredited",
         start_name="Salary credited", product="EASY_SAVER", channels=["sms", "push", "email"],
         templates=EASY_SAVER,
         doc="Attract stage. Trigger: SalaryCredited (first or changed salary). Offer: from the decision (EASY_SAVER)."),
    dict(id="welcome-onboarding", name="Welcome after onboarding", stage="attract", trigger="Onboarded",
         start_name="Customer onboarded", product="EASY_SAVER", channels=["push", "email", "sms"],
         templates=EASY_SAVER,
         doc="Attract stage. Trigger: Onboarded (a new customer's first account). Offer: from the decision (EASY_SAVER)."),
    dict(id="first-digital-login", name="First digital login: a nudge in the app", stage="attract", trigger="FirstDigitalLogin",
         start_name="First digital login", product="EASY_SAVER", channels=["push", "email", "sms"],
         templates=EASY_SAVER,
         doc="Attract stage. Trigger: FirstDigitalLogin. Offer: from the decision (EASY_SAVER)."),
    dict(id="dormancy-win-back", name="Dormancy win-back", stage="retain", trigger="DormancyRisk",
         start_name="Dormancy risk", product="EASY_SAVER", channels=["email", "push", "sms"], holdout_share="0.2",
         templates=EASY_SAVER,
         doc="Retain stage. Trigger: DormancyRisk (no activity for a while). Offer: from the decision (EASY_SAVER)."),
    dict(id="large-deposit-investment", name="Large deposit: investment fund", stage="leverage", trigger="LargeDeposit",
         start_name="Large deposit", product="GLOBAL_EQUITY_FUND", channels=["email", "push", "sms"], rm_review=True,
         templates={"sms": "global-equity-fund-intro-sms", "push": "global-equity-fund-intro-push", "email": "global-equity-fund-intro-email"},
         doc="Leverage stage. Trigger: LargeDeposit. Offer: from the decision (GLOBAL_EQUITY_FUND, complex: suitability and RM review)."),
    dict(id="spend-abroad-travel-card", name="Spend abroad: travel card", stage="leverage", trigger="SpendAbroad",
         start_name="Spend abroad", product="TRAVEL_CARD", channels=["push", "sms", "email"],
         templates={"sms": "travel-card-intro-sms", "push": "travel-card-intro-push", "email": "travel-card-intro-email"},
         doc="Leverage stage. Trigger: SpendAbroad (card spend in another country). Offer: from the decision (TRAVEL_CARD)."),
    dict(id="term-deposit-renewal", name="Term deposit renewal before maturity", stage="retain", trigger="TermDepositMaturing",
         start_name="Term deposit maturing", product="TERM_DEPOSIT_12M", channels=["email", "push", "sms"],
         templates={"sms": "term-deposit-intro-sms", "push": "term-deposit-intro-push", "email": "term-deposit-intro-email"},
         doc="Retain stage. Trigger: TermDepositMaturing (within 14 days of maturity). Offer: from the decision (TERM_DEPOSIT_12M)."),
    dict(id="loan-repaid-credit-offer", name="Loan repaid: credit card offer", stage="leverage", trigger="LoanRepaid",
         start_name="Loan repaid", product="CREDIT_CARD", channels=["push", "email", "sms"],
         templates={"sms": "credit-card-intro-sms", "push": "credit-card-intro-push", "email": "credit-card-intro-email"},
         doc="Leverage stage. Trigger: LoanRepaid. Offer: from the decision (CREDIT_CARD; suitability keeps credit from vulnerable customers)."),
    dict(id="campaign-offer", name="Scheduled campaign: the campaign's offer", stage="leverage", trigger="CampaignOffer",
         start_name="Campaign member", product="the campaign's", channels=["push", "email", "sms"],
         templates={"sms": "campaign-offer-by-product-sms", "push": "campaign-offer-by-product-push", "email": "campaign-offer-by-product-email"},
         doc="Any stage (reported as leverage). Trigger: CampaignOffer, raised for each member of a scheduled campaign's audience "
             "(rules/campaigns/). Offer: from the decision (the campaign's offer, any catalogue offer without RM review; the "
             "senders render the offer's own templates by productCode)."),
]

# The review deadline, computed once: request-rm-review returns it as reviewDueAt (the console's due time), and both
# the RM's and the checker's wait end at it (ADR 0028). Without it (a worker that returns none) the journey's own now
# plus reviewSla (P2D) stands in, as before.
SLA_DATE = ('=if reviewDueAt = null then now() + duration(if reviewSla = null then "P2D" else reviewSla) '
            'else date and time(reviewDueAt)')

SIZES = {"task": (100, 80), "gateway": (50, 50), "event": (36, 36)}
COL_W, ROW_H, X0, Y0 = 140, 120, 150, 200

SEND = {"push": ("Task_SendPush", "send-push", "Send push offer"),
        "sms": ("Task_SendSms", "send-sms", "Send SMS offer"),
        "email": ("Task_SendEmail", "send-email", "Send email offer")}


def esc(s):
    return quoteattr(s)


class Journey:
    def __init__(self, spec):
        self.s = spec
        self.nodes = []   # (id, kind, xml, col, row)
        self.flows = []   # (id, source, target, name, condition, route)
        self.default = {}

    def node(self, id, kind, xml, col, row):
        self.nodes.append((id, kind, xml, col, row))

    def flow(self, id, src, tgt, name=None, cond=None, route="h", default=False):
        self.flows.append((id, src, tgt, name, cond, route))
        if default:
            self.default[src] = id

    # --- element builders -------------------------------------------------------------------------------------
    def task(self, id, name, job, col, row, inputs=(), headers=(), retries=3):
        ext = [f'<zeebe:taskDefinition type="{job}" retries="{retries}" />']
        if inputs:
            ext += ["<zeebe:ioMapping>"] + [f'  <zeebe:input source={esc(src)} target="{tgt}" />' for src, tgt in inputs] \
                + ["</zeebe:ioMapping>"]
        if headers:
            ext += ["<zeebe:taskHeaders>"] + [f'  <zeebe:header key="{k}" value={esc(v)} />' for k, v in headers] \
                + ["</zeebe:taskHeaders>"]
        self.node(id, "task", ("serviceTask", name, ext, None), col, row)

    def record(self, id, name, outcome, col, row, reason=None, channel=None, detail=None):
        inputs = []
        if detail:
            inputs.append((detail, "outcomeDetail"))
        if reason:
            inputs.append((reason, "outcomeReason"))
        if channel:
            inputs.append((channel, "outcomeChannel"))
        self.task(id, name, "record-outcome", col, row, inputs=inputs, headers=[("outcome", outcome)])

    def script(self, id, name, expression, result, col, row):
        self.node(id, "task", ("scriptTask", name,
                               [f'<zeebe:script expression={esc(expression)} resultVariable="{result}" />'], None), col, row)

    def gateway(self, id, name, col, row, kind="exclusiveGateway"):
        self.node(id, "gateway", (kind, name, None, None), col, row)

    def end(self, id, name, col, row):
        self.node(id, "event", ("endEvent", name, None, None), col, row)

    def timer(self, id, name, col, row, date=None, duration=None):
        body = (f'<bpmn:timeDate xsi:type="bpmn:tFormalExpression">{date}</bpmn:timeDate>' if date else
                f'<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{duration}</bpmn:timeDuration>')
        self.node(id, "event", ("intermediateCatchEvent", name, None,
                                f'<bpmn:timerEventDefinition id="Def_{id}">{body}</bpmn:timerEventDefinition>'), col, row)

    def catch_message(self, id, name, message, col, row):
        self.node(id, "event", ("intermediateCatchEvent", name, None,
                                f'<bpmn:messageEventDefinition id="Def_{id}" messageRef="{message}" />'), col, row)

    # --- the skeleton -----------------------------------------------------------------------------------------
    def build(self):
        s = self.s
        rm = s.get("rm_review", False)
        self.node(f"Start_{s['trigger']}", "event", ("startEvent", s["start_name"], None,
                  f'<bpmn:messageEventDefinition id="Def_Start{s["trigger"]}" messageRef="Message_{s["trigger"]}" />'), 0, 0)
        self.task("Task_CheckSuitability", "Check suitability", "check-suitability", 1, 0,
                  inputs=[("=customerId", "customerId"), ("=productCode", "productCode")])
        self.flow("Flow_ToSuitability", f"Start_{s['trigger']}", "Task_CheckSuitability")
        self.gateway("Gateway_Suitable", "Suitable?", 2, 0)
        self.flow("Flow_ToGatewaySuitable", "Task_CheckSuitability", "Gateway_Suitable")
        self.record("Task_RecordUnsuitable", "Record suppressed: unsuitable", "SUPPRESSED", 2, 2, reason="=suitability.reason")
        self.end("End_Unsuitable", "Not offered", 3, 2)
        self.flow("Flow_Unsuitable", "Gateway_Suitable", "Task_RecordUnsuitable", name="no", default=True, route="v")
        self.flow("Flow_ToEndUnsuitable", "Task_RecordUnsuitable", "End_Unsuitable")

        self.gateway("Gateway_Holdout", "Held out?", 3, 0)
        self.flow("Flow_Suitable", "Gateway_Suitable", "Gateway_Holdout", name="yes", cond="=suitability.suitable = true")
        self.record("Task_RecordHeldOut", "Record held out: nothing sent", "HELD_OUT", 3, 1,
                    reason='=if group = "GLOBAL_CONTROL" then "GLOBAL_CONTROL" else "HOLDOUT"')
        self.flow("Flow_HeldOut", "Gateway_Holdout", "Task_RecordHeldOut", name="yes", cond="=holdout = true", route="v")
        # measurement only: a held-out customer waits through the same attribution window, so a purchase counts
        self.gateway("Gateway_HeldOutWaitForConversion", "Measure: wait for conversion", 4, 1, kind="eventBasedGateway")
        self.flow("Flow_ToHeldOutWait", "Task_RecordHeldOut", "Gateway_HeldOutWaitForConversion")
        self.catch_message("Event_HeldOutProductPurchased", "Product purchased", "Message_ProductPurchased", 5, 1)
        self.flow("Flow_ToHeldOutProductPurchased", "Gateway_HeldOutWaitForConversion", "Event_HeldOutProductPurchased")
        self.record("Task_RecordHeldOutConverted", "Record converted: held out", "CONVERTED", 6, 1)
        self.flow("Flow_ToRecordHeldOutConverted", "Event_HeldOutProductPurchased", "Task_RecordHeldOutConverted")
        self.end("End_HeldOutConverted", "Converted without the offer", 7, 1)
        self.flow("Flow_ToEndHeldOutConverted", "Task_RecordHeldOutConverted", "End_HeldOutConverted")
        self.timer("Timer_HeldOutAttributionWindow", "Attribution window over", 5, 2,
                   duration='=if attributionWindow = null then "P30D" else attributionWindow')
        self.flow("Flow_ToHeldOutAttributionWindow", "Gateway_HeldOutWaitForConversion", "Timer_HeldOutAttributionWindow",
                  route="v")
        self.end("End_HeldOutNotConverted", "Not converted", 6, 2)
        self.flow("Flow_ToEndHeldOutNotConverted", "Timer_HeldOutAttributionWindow", "End_HeldOutNotConverted")

        c = 8
        prev = ("Gateway_Holdout", "Flow_NotHeldOut", "no", True)
        if rm:
            self.task("Task_RequestRmReview", "Request RM review", "request-rm-review", c, 0,
                      inputs=[("=customerId", "customerId"), ("=productCode", "productCode"), ("=decisionId", "decisionId")])
            self.flow(prev[1], prev[0], "Task_RequestRmReview", name=prev[2], default=prev[3])
            self.gateway("Gateway_WaitForReview", "Wait for the review", c + 1, 0, kind="eventBasedGateway")
            self.flow("Flow_ToWaitForReview", "Task_RequestRmReview", "Gateway_WaitForReview")
            self.catch_message("Event_OfferReviewed", "Offer reviewed", "Message_OfferReviewed", c + 2, 0)
            self.flow("Flow_ToOfferReviewed", "Gateway_WaitForReview", "Event_OfferReviewed")
            self.timer("Timer_ReviewSla", "Review SLA passed", c + 2, 2, date=SLA_DATE)
            self.flow("Flow_ToReviewSla", "Gateway_WaitForReview", "Timer_ReviewSla", route="v")
            self.record("Task_RecordReviewExpired", "Record expired: no review in time", "EXPIRED", c + 3, 2,
                        reason='="REVIEW_EXPIRED"')
            self.end("End_ReviewExpired", "Offer expired", c + 4, 2)
            self.flow("Flow_ToRecordReviewExpired", "Timer_ReviewSla", "Task_RecordReviewExpired")
            self.flow("Flow_ToEndReviewExpired", "Task_RecordReviewExpired", "End_ReviewExpired")
            self.gateway("Gateway_Approved", "Approved?", c + 3, 0)
            self.flow("Flow_ToGatewayApproved", "Event_OfferReviewed", "Gateway_Approved")
            self.record("Task_RecordRejected", "Record rejected", "REJECTED", c + 4, 1, reason='="RM_REJECTED"',
                        detail="=reviewReason")
            self.record("Task_RecordRmSuppressed", "Record suppressed: RM rejected", "SUPPRESSED", c + 5, 1,
                        reason='="RM_REJECTED"')
            self.end("End_Rejected", "Not offered", c + 6, 1)
            self.flow("Flow_Rejected", "Gateway_Approved", "Task_RecordRejected", name="no", default=True)
            self.flow("Flow_ToRecordRmSuppressed", "Task_RecordRejected", "Task_RecordRmSuppressed")
            self.flow("Flow_ToEndRejected", "Task_RecordRmSuppressed", "End_Rejected")
            # maker-checker (ADR 0028): an offer decisioning flags (secondApproval) waits for a checker after the RM,
            # until the SAME deadline (reviewDueAt, which request-rm-review returned): the SLA covers both steps
            self.gateway("Gateway_SecondApproval", "Checker needed?", c + 4, 0)
            self.flow("Flow_Approved", "Gateway_Approved", "Gateway_SecondApproval", name="yes", cond="=approved = true")
            self.task("Task_RequestOfferCheck", "Request the checker's approval", "request-offer-check", c + 5, 0,
                      inputs=[("=customerId", "customerId"), ("=productCode", "productCode"), ("=decisionId", "decisionId")])
            self.flow("Flow_NeedsChecker", "Gateway_SecondApproval", "Task_RequestOfferCheck", name="yes",
                      cond="=secondApproval = true")
            self.gateway("Gateway_WaitForCheck", "Wait for the check", c + 6, 0, kind="eventBasedGateway")
            self.flow("Flow_ToWaitForCheck", "Task_RequestOfferCheck", "Gateway_WaitForCheck")
            self.catch_message("Event_OfferChecked", "Offer checked", "Message_OfferChecked", c + 7, 0)
            self.flow("Flow_ToOfferChecked", "Gateway_WaitForCheck", "Event_OfferChecked")
            self.timer("Timer_CheckSla", "Review SLA passed", c + 7, 2, date=SLA_DATE)
            self.flow("Flow_ToCheckSla", "Gateway_WaitForCheck", "Timer_CheckSla", route="v")
            self.record("Task_RecordCheckExpired", "Record expired: not checked in time", "EXPIRED", c + 8, 2,
                        reason='="REVIEW_EXPIRED"')
            self.end("End_CheckExpired", "Offer expired", c + 9, 2)
            self.flow("Flow_ToRecordCheckExpired", "Timer_CheckSla", "Task_RecordCheckExpired")
            self.flow("Flow_ToEndCheckExpired", "Task_RecordCheckExpired", "End_CheckExpired")
            self.gateway("Gateway_CheckApproved", "Checker approved?", c + 8, 0)
            self.flow("Flow_ToGatewayCheckApproved", "Event_OfferChecked", "Gateway_CheckApproved")
            self.record("Task_RecordCheckRejected", "Record rejected by the checker", "REJECTED", c + 9, 1,
                        reason='="CHECKER_REJECTED"', detail="=checkReason")
            self.record("Task_RecordCheckSuppressed", "Record suppressed: checker rejected", "SUPPRESSED", c + 10, 1,
                        reason='="CHECKER_REJECTED"')
            self.end("End_CheckRejected", "Not offered", c + 11, 1)
            self.flow("Flow_CheckRejected", "Gateway_CheckApproved", "Task_RecordCheckRejected", name="no", default=True)
            self.flow("Flow_ToRecordCheckSuppressed", "Task_RecordCheckRejected", "Task_RecordCheckSuppressed")
            self.flow("Flow_ToEndCheckRejected", "Task_RecordCheckSuppressed", "End_CheckRejected")
            self.gateway("Gateway_Approval", "Approved", c + 9, 0)
            self.flow("Flow_CheckApproved", "Gateway_CheckApproved", "Gateway_Approval", name="yes",
                      cond="=checkApproved = true")
            self.flow("Flow_NoChecker", "Gateway_SecondApproval", "Gateway_Approval", name="no", default=True, route="over")
            self.record("Task_RecordApproved", "Record approved", "APPROVED", c + 10, 0, detail="=reviewReason")
            self.flow("Flow_ToRecordApproved", "Gateway_Approval", "Task_RecordApproved")
            prev = ("Task_RecordApproved", "Flow_ToChannelOrder", None, False)
            c += 12

        order = ", ".join(f'"{ch}"' for ch in s["channels"])
        self.script("Task_ChannelOrder", "Channels in the customer's order", f"=if channels = null then [{order}] else channels",
                    "channelsLeft", c, 0)
        self.flow(prev[1], prev[0], "Task_ChannelOrder", name=prev[2], default=prev[3])
        self.gateway("Gateway_NextChannel", "Next channel", c + 1, 0)
        self.flow("Flow_ToNextChannel", "Task_ChannelOrder", "Gateway_NextChannel")
        self.task("Task_CheckContactPolicy", "Check contact policy", "check-contact-policy", c + 2, 0,
                  inputs=[("=customerId", "customerId"), ("=channelsLeft[1]", "channel")])
        self.flow("Flow_ToCheckContactPolicy", "Gateway_NextChannel", "Task_CheckContactPolicy")
        self.gateway("Gateway_ContactAllowed", "Contact allowed?", c + 3, 0)
        self.flow("Flow_ToGatewayContactAllowed", "Task_CheckContactPolicy", "Gateway_ContactAllowed")
        self.timer("Timer_WaitForAllowedSendTime", "Wait for allowed send time", c + 4, 0,
                   date="=date and time(contactPolicy.sendAt)")
        self.flow("Flow_ContactAllowed", "Gateway_ContactAllowed", "Timer_WaitForAllowedSendTime", name="yes",
                  cond="=contactPolicy.allowed = true")
        self.gateway("Gateway_Channel", "Channel?", c + 5, 0)
        self.flow("Flow_ToGatewayChannel", "Timer_WaitForAllowedSendTime", "Gateway_Channel")
        self.gateway("Gateway_SendDone", "Send done", c + 7, 0)
        self.gateway("Gateway_Sent", "Sent?", c + 8, 0)
        self.flow("Flow_ToGatewaySent", "Gateway_SendDone", "Gateway_Sent")
        rows = {0: 0, 1: -1, 2: 1} if len(s["channels"]) == 3 else {0: 0, 1: -1}
        for i, ch in enumerate(s["channels"]):
            tid, job, name = SEND[ch]
            cap = ch[0].upper() + ch[1:]
            self.task(tid, name, job, c + 6, rows[i], headers=[("template", s["templates"][ch])], retries=5)
            self.flow(f"Flow_Channel{cap}", "Gateway_Channel", tid, name=ch, cond=f'=channelsLeft[1] = "{ch}"',
                      route="h")
            self.flow(f"Flow_{cap}Done", tid, "Gateway_SendDone", route="join")
        # fallback loop below the main line
        self.gateway("Gateway_TryNext", "Try the next channel", c + 3, 2)
        self.flow("Flow_ContactBlocked", "Gateway_ContactAllowed", "Gateway_TryNext", name="no", default=True, route="v")
        self.flow("Flow_NotSent", "Gateway_Sent", "Gateway_TryNext", name="no", default=True, route="down")
        self.script("Task_DropChannel", "Drop the channel tried", "=remove(channelsLeft, 1)", "channelsLeft", c + 2, 2)
        self.flow("Flow_ToDropChannel", "Gateway_TryNext", "Task_DropChannel", route="hl")
        self.gateway("Gateway_MoreChannels", "Another channel?", c + 1, 2)
        self.flow("Flow_ToMoreChannels", "Task_DropChannel", "Gateway_MoreChannels", route="hl")
        self.flow("Flow_AnotherChannel", "Gateway_MoreChannels", "Gateway_NextChannel", name="yes",
                  cond="=count(channelsLeft) > 0", route="v")
        self.gateway("Gateway_WhyNotSent", "Blocked by contact policy?", c + 1, 3)
        self.flow("Flow_NoChannelLeft", "Gateway_MoreChannels", "Gateway_WhyNotSent", name="no", default=True, route="v")
        self.record("Task_RecordContactBlocked", "Record suppressed: contact policy", "SUPPRESSED", c + 2, 3,
                    reason="=contactPolicy.reason", channel="=contactPolicy.channel")
        self.end("End_ContactBlocked", "Not contacted", c + 3, 3)
        self.flow("Flow_Blocked", "Gateway_WhyNotSent", "Task_RecordContactBlocked", name="yes",
                  cond="=contactPolicy.allowed = false")
        self.flow("Flow_ToEndContactBlocked", "Task_RecordContactBlocked", "End_ContactBlocked")
        # every channel failed: an incident for a person (each channel's FAILED is already on beacon.offers)
        self.task("Task_ReportNotDelivered", "Report: no channel delivered", "report-not-delivered", c + 1, 4,
                  inputs=[("=delivery.reason", "outcomeReason"), ("=delivery.channel", "outcomeChannel")], retries=1)
        self.end("End_NotDelivered", "Not delivered", c + 2, 4)
        self.flow("Flow_DeliveryFailed", "Gateway_WhyNotSent", "Task_ReportNotDelivered", name="no: delivery failed",
                  default=True, route="v")
        self.flow("Flow_ToEndNotDelivered", "Task_ReportNotDelivered", "End_NotDelivered")

        # conversion wait
        self.gateway("Gateway_WaitForConversion", "Wait for conversion", c + 9, 0, kind="eventBasedGateway")
        self.flow("Flow_Sent", "Gateway_Sent", "Gateway_WaitForConversion", name="yes", cond='=delivery.status = "SENT"')
        self.catch_message("Event_ProductPurchased", "Product purchased", "Message_ProductPurchased", c + 10, 0)
        self.flow("Flow_ToProductPurchased", "Gateway_WaitForConversion", "Event_ProductPurchased")
        self.record("Task_RecordConverted", "Record converted", "CONVERTED", c + 11, 0)
        self.flow("Flow_ToRecordConverted", "Event_ProductPurchased", "Task_RecordConverted")
        self.end("End_Converted", "Converted", c + 12, 0)
        self.flow("Flow_ToEndConverted", "Task_RecordConverted", "End_Converted")
        self.timer("Timer_AttributionWindow", "Attribution window over", c + 10, 1,
                   duration='=if attributionWindow = null then "P30D" else attributionWindow')
        self.flow("Flow_ToAttributionWindow", "Gateway_WaitForConversion", "Timer_AttributionWindow", route="v")
        self.end("End_NotConverted", "Not converted", c + 11, 1)
        self.flow("Flow_ToEndNotConverted", "Timer_AttributionWindow", "End_NotConverted")
        self.width_cols = c + 13

    # --- XML --------------------------------------------------------------------------------------------------
    def bounds(self, id):
        for nid, kind, _, col, row in self.nodes:
            if nid == id:
                w, h = SIZES[kind]
                cx, cy = X0 + col * COL_W + 50, Y0 + row * ROW_H
                return cx - w // 2, cy - h // 2, w, h
        raise KeyError(id)

    def waypoints(self, src, tgt, route):
        sx, sy, sw, sh = self.bounds(src)
        tx, ty, tw, th = self.bounds(tgt)
        scx, scy, tcx, tcy = sx + sw // 2, sy + sh // 2, tx + tw // 2, ty + th // 2
        if route == "h":
            if scy == tcy:
                return [(sx + sw, scy), (tx, tcy)]
            mid = (sx + sw + tx) // 2 if tx > sx + sw else sx + sw + 20
            if tx > sx + sw and abs(tcx - scx) <= COL_W:
                # fork from a gateway: leave at its top or bottom, enter the target from the left
                y0 = sy if tcy < scy else sy + sh
                return [(scx, y0), (scx, tcy), (tx, tcy)]
            return [(sx + sw, scy), (mid, scy), (mid, tcy), (tx, tcy)]
        if route == "v":
            down = tcy > scy
            y0 = sy + sh if down else sy
            if scx == tcx:
                return [(scx, y0), (tcx, ty if down else ty + th)]
            return [(scx, y0), (scx, tcy), (tx if tcx > scx else tx + tw, tcy)]
        if route == "join":  # into a joining gateway: along the source's line, then into its top or bottom
            if scy == tcy:
                return [(sx + sw, scy), (tx, tcy)]
            return [(sx + sw, scy), (tcx, scy), (tcx, ty if scy < tcy else ty + th)]
        if route == "over":  # up above the main line, across, and down into the target's top
            y = Y0 - ROW_H - 50
            return [(scx, sy), (scx, y), (tcx, y), (tcx, ty)]
        if route == "hl":  # leftwards on the same line
            return [(sx, scy), (tx + tw, tcy)]
        if route == "down":  # from the right-hand side down, then left into the target's right
            return [(scx, sy + sh), (scx, tcy), (tx + tw, tcy)]
        raise ValueError(route)

    def xml(self):
        s = self.s
        rm = s.get("rm_review", False)
        incoming = {n[0]: [] for n in self.nodes}
        outgoing = {n[0]: [] for n in self.nodes}
        for fid, src, tgt, *_ in self.flows:
            outgoing[src].append(fid)
            incoming[tgt].append(fid)
        camel = "".join(p.capitalize() for p in s["id"].split("-"))
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
               '                  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"',
               '                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
               '                  xmlns:modeler="http://camunda.org/schema/modeler/1.0"',
               '                  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"',
               '                  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"',
               '                  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"',
               f'                  id="Definitions_{camel}"',
               '                  targetNamespace="https://beacon.example/journeys"',
               '                  modeler:executionPlatform="Camunda Cloud"',
               '                  modeler:executionPlatformVersion="8.8.0">',
               f'  <bpmn:message id="Message_{s["trigger"]}" name="{s["trigger"]}" />',
               '  <bpmn:message id="Message_ConsentWithdrawn" name="ConsentWithdrawn">',
               '    <bpmn:extensionElements>', '      <zeebe:subscription correlationKey="=customerId" />',
               '    </bpmn:extensionElements>', '  </bpmn:message>',
               '  <bpmn:message id="Message_ProductPurchased" name="ProductPurchased">',
               '    <bpmn:extensionElements>',
               '      <zeebe:subscription correlationKey="=customerId + &quot;:&quot; + productCode" />',
               '    </bpmn:extensionElements>', '  </bpmn:message>']
        if rm:
            out += ['  <bpmn:message id="Message_OfferReviewed" name="OfferReviewed">',
                    '    <bpmn:extensionElements>',
                    '      <zeebe:subscription correlationKey="=customerId + &quot;:&quot; + productCode" />',
                    '    </bpmn:extensionElements>', '  </bpmn:message>',
                    '  <bpmn:message id="Message_OfferChecked" name="OfferChecked">',
                    '    <bpmn:extensionElements>',
                    '      <zeebe:subscription correlationKey="=customerId + &quot;:&quot; + productCode" />',
                    '    </bpmn:extensionElements>', '  </bpmn:message>']
        out += ['',
                f'  <bpmn:process id="{s["id"]}" name={esc(s["name"])} isExecutable="true">',
                f'    <bpmn:documentation>{s["doc"]} Generated skeleton: see workflows/README.md.</bpmn:documentation>',
                '    <bpmn:extensionElements>', '      <zeebe:properties>',
                f'        <zeebe:property name="beacon.stage" value="{s["stage"]}" />',
                f'        <zeebe:property name="beacon.trigger" value="{s["trigger"]}" />']
        if "holdout_share" in s:
            out += [f'        <zeebe:property name="beacon.holdout-share" value="{s["holdout_share"]}" />']
        out += ['      </zeebe:properties>', '    </bpmn:extensionElements>']
        for nid, kind, (tag, name, ext, body), col, row in self.nodes:
            attrs = f'id="{nid}" name={esc(name)}'
            if nid in self.default:
                attrs += f' default="{self.default[nid]}"'
            out.append(f'    <bpmn:{tag} {attrs}>')
            if ext:
                out.append('      <bpmn:extensionElements>')
                out += [f'        {line}' for line in ext]
                out.append('      </bpmn:extensionElements>')
            for f in incoming[nid]:
                out.append(f'      <bpmn:incoming>{f}</bpmn:incoming>')
            for f in outgoing[nid]:
                out.append(f'      <bpmn:outgoing>{f}</bpmn:outgoing>')
            if body:
                out.append(f'      {body}')
            out.append(f'    </bpmn:{tag}>')
        for fid, src, tgt, name, cond, _ in self.flows:
            n = f" name={esc(name)}" if name else ""
            if cond:
                out.append(f'    <bpmn:sequenceFlow id="{fid}"{n} sourceRef="{src}" targetRef="{tgt}">')
                out.append(f'      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{cond.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")}</bpmn:conditionExpression>')
                out.append('    </bpmn:sequenceFlow>')
            else:
                out.append(f'    <bpmn:sequenceFlow id="{fid}"{n} sourceRef="{src}" targetRef="{tgt}" />')
        # opt-out event subprocess, below everything
        sub_y = Y0 + 5 * ROW_H - 20
        out += ['    <bpmn:subProcess id="SubProcess_OptOut" name="Opt-out" triggeredByEvent="true">',
                '      <bpmn:startEvent id="Start_ConsentWithdrawn" name="Consent withdrawn" isInterrupting="true">',
                '        <bpmn:outgoing>Flow_ToRecordOptedOut</bpmn:outgoing>',
                '        <bpmn:messageEventDefinition id="Def_ConsentWithdrawn" messageRef="Message_ConsentWithdrawn" />',
                '      </bpmn:startEvent>',
                '      <bpmn:serviceTask id="Task_RecordOptedOut" name="Record opted out">',
                '        <bpmn:extensionElements>',
                '          <zeebe:taskDefinition type="record-outcome" retries="3" />',
                '          <zeebe:ioMapping>', '            <zeebe:input source="=&quot;OPTED_OUT&quot;" target="outcomeReason" />',
                '          </zeebe:ioMapping>', '          <zeebe:taskHeaders>',
                '            <zeebe:header key="outcome" value="OPTED_OUT" />', '          </zeebe:taskHeaders>',
                '        </bpmn:extensionElements>', '        <bpmn:incoming>Flow_ToRecordOptedOut</bpmn:incoming>',
                '        <bpmn:outgoing>Flow_ToEndOptedOut</bpmn:outgoing>', '      </bpmn:serviceTask>',
                '      <bpmn:endEvent id="End_OptedOut" name="Journey ended">',
                '        <bpmn:incoming>Flow_ToEndOptedOut</bpmn:incoming>', '      </bpmn:endEvent>',
                '      <bpmn:sequenceFlow id="Flow_ToRecordOptedOut" sourceRef="Start_ConsentWithdrawn" targetRef="Task_RecordOptedOut" />',
                '      <bpmn:sequenceFlow id="Flow_ToEndOptedOut" sourceRef="Task_RecordOptedOut" targetRef="End_OptedOut" />',
                '    </bpmn:subProcess>', '  </bpmn:process>',
                f'  <bpmndi:BPMNDiagram id="BPMNDiagram_{camel}">',
                f'    <bpmndi:BPMNPlane id="BPMNPlane_{camel}" bpmnElement="{s["id"]}">']
        for nid, kind, (tag, *_), col, row in self.nodes:
            x, y, w, h = self.bounds(nid)
            marker = ' isMarkerVisible="true"' if tag == "exclusiveGateway" else ""
            out.append(f'      <bpmndi:BPMNShape id="{nid}_di" bpmnElement="{nid}"{marker}>')
            out.append(f'        <dc:Bounds x="{x}" y="{y}" width="{w}" height="{h}" />')
            if kind != "task":
                out.append(f'        <bpmndi:BPMNLabel><dc:Bounds x="{x + w // 2 - 50}" y="{y + h + 4}" width="100" height="27" /></bpmndi:BPMNLabel>')
            out.append('      </bpmndi:BPMNShape>')
        for fid, src, tgt, _, _, route in self.flows:
            out.append(f'      <bpmndi:BPMNEdge id="{fid}_di" bpmnElement="{fid}">')
            for x, y in self.waypoints(src, tgt, route):
                out.append(f'        <di:waypoint x="{x}" y="{y}" />')
            out.append('      </bpmndi:BPMNEdge>')
        sx = X0 + COL_W
        out += ['      <bpmndi:BPMNShape id="SubProcess_OptOut_di" bpmnElement="SubProcess_OptOut" isExpanded="true">',
                f'        <dc:Bounds x="{sx}" y="{sub_y}" width="500" height="160" />', '      </bpmndi:BPMNShape>',
                '      <bpmndi:BPMNShape id="Start_ConsentWithdrawn_di" bpmnElement="Start_ConsentWithdrawn">',
                f'        <dc:Bounds x="{sx + 42}" y="{sub_y + 62}" width="36" height="36" />', '      </bpmndi:BPMNShape>',
                '      <bpmndi:BPMNShape id="Task_RecordOptedOut_di" bpmnElement="Task_RecordOptedOut">',
                f'        <dc:Bounds x="{sx + 170}" y="{sub_y + 40}" width="100" height="80" />', '      </bpmndi:BPMNShape>',
                '      <bpmndi:BPMNShape id="End_OptedOut_di" bpmnElement="End_OptedOut">',
                f'        <dc:Bounds x="{sx + 362}" y="{sub_y + 62}" width="36" height="36" />', '      </bpmndi:BPMNShape>',
                '      <bpmndi:BPMNEdge id="Flow_ToRecordOptedOut_di" bpmnElement="Flow_ToRecordOptedOut">',
                f'        <di:waypoint x="{sx + 78}" y="{sub_y + 80}" />', f'        <di:waypoint x="{sx + 170}" y="{sub_y + 80}" />',
                '      </bpmndi:BPMNEdge>',
                '      <bpmndi:BPMNEdge id="Flow_ToEndOptedOut_di" bpmnElement="Flow_ToEndOptedOut">',
                f'        <di:waypoint x="{sx + 270}" y="{sub_y + 80}" />', f'        <di:waypoint x="{sx + 362}" y="{sub_y + 80}" />',
                '      </bpmndi:BPMNEdge>',
                '    </bpmndi:BPMNPlane>', '  </bpmndi:BPMNDiagram>', '</bpmn:definitions>', '']
        return "\n".join(out)


def main():
    check = "--check" in sys.argv
    differs = []
    for spec in JOURNEYS:
        j = Journey(spec)
        j.build()
        text = j.xml()
        path = os.path.join(WORKFLOWS, spec["id"] + ".bpmn")
        if check:
            if not os.path.exists(path):
                differs.append(path + " (missing)")
                continue
            with open(path, encoding="utf-8") as f:
                if f.read() != text:
                    differs.append(path)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            print("wrote", os.path.relpath(path))
    if differs:
        print("differs from the generator:", *differs, sep="\n  ")
        sys.exit(1)


if __name__ == "__main__":
    main()
