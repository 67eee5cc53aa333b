"""A small, valid Form 4 as EDGAR XML, written here for CLI and batch tests."""

MINIMAL_FORM4 = b"""<?xml version="1.0"?>
<ownershipDocument>
  <schemaVersion>X0306</schemaVersion>
  <documentType>4</documentType>
  <periodOfReport>2021-03-01</periodOfReport>
  <notSubjectToSection16>0</notSubjectToSection16>
  <issuer>
    <issuerCik>0000000001</issuerCik>
    <issuerName>Example Widgets, Inc.</issuerName>
    <issuerTradingSymbol>EXW</issuerTradingSymbol>
  </issuer>
  <reportingOwner>
    <reportingOwnerId>
      <rptOwnerCik>0000000002</rptOwnerCik>
      <rptOwnerName>Doe Jane</rptOwnerName>
    </reportingOwnerId>
    <reportingOwnerAddress>
      <rptOwnerStreet1>1 Main Street</rptOwnerStreet1>
      <rptOwnerCity>Springfield</rptOwnerCity>
      <rptOwnerState>IL</rptOwnerState>
      <rptOwnerZipCode>62701</rptOwnerZipCode>
    </reportingOwnerAddress>
    <reportingOwnerRelationship>
      <isDirector>1</isDirector>
    </reportingOwnerRelationship>
  </reportingOwner>
  <nonDerivativeTable>
    <nonDerivativeTransaction>
      <securityTitle><value>Common Stock</value></securityTitle>
      <transactionDate><value>2021-03-01</value></transactionDate>
      <transactionCoding>
        <transactionFormType>4</transactionFormType>
        <transactionCode>P</transactionCode>
        <equitySwapInvolved>0</equitySwapInvolved>
      </transactionCoding>
      <transactionAmounts>
        <transactionShares><value>1000</value></transactionShares>
        <transactionPricePerShare>
          <value>12.50</value><footnoteId id="F1"/>
        </transactionPricePerShare>
        <transactionAcquiredDisposedCode><value>A</value></transactionAcquiredDisposedCode>
      </transactionAmounts>
      <postTransactionAmounts>
        <sharesOwnedFollowingTransaction><value>5000</value></sharesOwnedFollowingTransaction>
      </postTransactionAmounts>
      <ownershipNature>
        <directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>
      </ownershipNature>
    </nonDerivativeTransaction>
  </nonDerivativeTable>
  <footnotes>
    <footnote id="F1">Weighted average price; prices ranged from $12.00 to $13.00.</footnote>
  </footnotes>
  <ownerSignature>
    <signatureName>/s/ Jane Doe</signatureName>
    <signatureDate>2021-03-03</signatureDate>
  </ownerSignature>
</ownershipDocument>
"""
