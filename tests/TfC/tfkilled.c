/* Makes a graph and a session, then dies of SIGKILL holding them: the worker must release both (TF_DeleteSession takes
 * a status too). The reference library's TF_REFERENCE_SESSIONS file shows the sessions live. Usage: tfkilled */
#include <tensorflow/c/c_api.h>
#include <signal.h>
#include <stdio.h>

int main(void) {
    TF_Status *s = TF_NewStatus();
    TF_Graph *graph = TF_NewGraph();
    TF_SessionOptions *options = TF_NewSessionOptions();
    TF_Session *session = TF_NewSession(graph, options, s);
    printf("TF_NewSession %d %s\n", (int)TF_GetCode(s), session ? "session" : "NULL");
    fflush(stdout);
    raise(SIGKILL);
    return 0;
}
