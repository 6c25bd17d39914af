"""API of R19's referral: what ก.น.จ. referred to this ministry, and its answer."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from reviews import selectors, services
from reviews.serializers import ReferralAnswerInputSerializer, ReferralSerializer


class ReferralApi(APIView):
    """GET: the request's referrals and the envelope an answer would draw on; POST: the answer
    (funding = envelope / own_request / other / cannot, amount in baht, answer text)."""

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        req = selectors.access_referred_request(user=request.user, request_id=pk)
        envelope = services.referral_envelope_for(req)
        return Response(
            {
                "request_id": req.pk,
                "reference": req.reference,
                "status": req.status,
                "amount": str(req.amount),
                "referrals": ReferralSerializer(selectors.referrals_of(req), many=True).data,
                "envelope": None
                if envelope is None
                else {"id": envelope.pk, "limit": str(envelope.limit), "left": str(envelope.left_amount)},
            }
        )

    @extend_schema(request=ReferralAnswerInputSerializer, responses={201: ReferralSerializer})
    def post(self, request, pk):
        req = selectors.access_referred_request(user=request.user, request_id=pk)
        data = ReferralAnswerInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        referral = services.referral_answer(user=request.user, request_id=req.pk, **data.validated_data)
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)
