      * CUSTOMER MASTER: ONE RECORD PER ACCOUNT, OR AN ADDRESS CHANGE.
      * REC-TYPE 'A' RECORDS HOLD ACCOUNT-DATA, 'D' RECORDS ADDRESS-DATA.
       01  CUSTOMER-RECORD.
           05  REC-TYPE                PIC X.
               88  IS-ACCOUNT          VALUE 'A'.
               88  IS-ADDRESS          VALUE 'D'.
           05  CUST-ID                 PIC 9(8) COMP.
           05  ACCOUNT-DATA.
               10  CUST-NAME.
                   15  LAST-NAME       PIC X(15).
                   15  FIRST-NAME      PIC X(10).
               10  BALANCE             PIC S9(9)V99 COMP-3.
               10  CREDIT-LIMIT        PIC S9(7)V99 COMP-3.
               10  OPENED-YYYYMMDD     PIC 9(8).
               10  TX-COUNT            PIC S9(4) COMP.
               10  TRANSACTIONS        OCCURS 0 TO 5 TIMES
                                       DEPENDING ON TX-COUNT.
                   15  TX-DATE         PIC 9(8).
                   15  TX-AMOUNT       PIC S9(7)V99 COMP-3.
                   15  TX-KIND         PIC X.
           05  ADDRESS-DATA REDEFINES ACCOUNT-DATA.
               10  STREET              PIC X(30).
               10  CITY                PIC X(20).
               10  POSTCODE            PIC X(8).
               10  FILLER              PIC X(58).
